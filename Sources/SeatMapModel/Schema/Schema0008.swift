/// A released hold or a cancelled booking records who ended it (`ended_by`, beside the
/// `ended_at` it always had), so a manager can tell who gave a customer's money back. A hold that
/// ran out has no one to record.
///
/// The three-argument `modex_end_booking` stays, so a picker of the previous version still
/// running during the upgrade can release and cancel; what it ends records no one.
enum Schema0008 {
    static let whoEndedABooking = """
    ALTER TABLE bookings ADD COLUMN ended_by text;

    CREATE FUNCTION modex_end_booking(p_booking bigint, p_from modex_booking_status, p_action text, p_operator text)
    RETURNS bigint LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    DECLARE v_lock record; v_row bookings; v_ids int[];
    BEGIN
        SELECT * INTO v_lock FROM modex_lock_booking(p_booking);
        v_row := v_lock.booking; v_ids := v_lock.seat_ids;
        IF v_row.status <> p_from OR (p_from = 'PENDING' AND v_row.expires_at <= now()) THEN
            PERFORM modex_state_error(v_row, p_action);
        END IF;
        UPDATE bookings SET status = 'CANCELLED', ended_at = now(), ended_by = p_operator
         WHERE show_id = v_row.show_id AND booking_id = p_booking;
        UPDATE seats SET status = 'AVAILABLE', booking_id = NULL, hold_expires_at = NULL, change_xid = pg_current_xact_id()
         WHERE show_id = v_row.show_id AND seat_id = ANY (v_ids) AND booking_id = p_booking;
        RETURN v_row.show_id;
    END $$;
    """
}
