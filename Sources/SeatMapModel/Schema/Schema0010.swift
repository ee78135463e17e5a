/// A confirmation records how the customer paid (`paid_by`: cash or card), so cashing up can
/// say how much cash each operator's drawer should hold. Bookings confirmed before this
/// migration, or by a caller that does not say, have none.
///
/// The two-argument `modex_confirm` stays, so a picker of the previous version still running
/// during the upgrade can confirm; what it confirms records no payment.
enum Schema0010 {
    static let payments = """
    ALTER TABLE bookings ADD COLUMN paid_by text CHECK (paid_by IN ('cash', 'card')),
                         ADD CONSTRAINT bookings_paid_when_confirmed CHECK (paid_by IS NULL OR confirmed_at IS NOT NULL);

    CREATE FUNCTION modex_confirm(p_booking bigint, p_email text, p_paid_by text)
    RETURNS TABLE (show_id bigint, operator text, seats text[], created_at float8, expires_at float8, confirmed_at float8)
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    DECLARE v_lock record; v_row bookings; v_ids int[]; v_labels text[];
    BEGIN
        SELECT * INTO v_lock FROM modex_lock_booking(p_booking);
        v_row := v_lock.booking; v_ids := v_lock.seat_ids;
        IF v_row.status <> 'PENDING' OR v_row.expires_at <= now() THEN
            PERFORM modex_state_error(v_row, 'confirm');
        END IF;
        UPDATE bookings SET status = 'CONFIRMED', email = p_email, confirmed_at = now(), paid_by = p_paid_by
         WHERE show_id = v_row.show_id AND booking_id = p_booking;
        WITH booked AS (
            UPDATE seats SET status = 'BOOKED', hold_expires_at = NULL, change_xid = pg_current_xact_id()
             WHERE show_id = v_row.show_id AND seat_id = ANY (v_ids) AND booking_id = p_booking
         RETURNING seat_id, label)
        SELECT array_agg(label ORDER BY seat_id) INTO v_labels FROM booked;
        RETURN QUERY SELECT v_row.show_id, v_row.operator, v_labels, extract(epoch FROM v_row.created_at)::float8,
                            extract(epoch FROM v_row.expires_at)::float8, extract(epoch FROM now())::float8;
    END $$;
    """
}
