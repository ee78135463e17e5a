/// Extending a hold: a PENDING, unexpired booking gets more time, up to a cap measured from
/// when it was created, so a hold cannot be kept forever.
enum Schema0003 {
    static let extend = """
    CREATE FUNCTION modex_extend(p_booking bigint, p_seconds float8, p_cap_seconds float8)
    RETURNS TABLE (show_id bigint, expires_at float8) LANGUAGE plpgsql AS $$
    #variable_conflict use_column
    DECLARE v_row bookings; v_expires timestamptz;
    BEGIN
        v_row := modex_lock_booking(p_booking);
        IF v_row.status <> 'PENDING' OR v_row.expires_at <= now() THEN
            PERFORM modex_state_error(v_row, 'extend');
        END IF;
        v_expires := least(v_row.expires_at + make_interval(secs => p_seconds),
                           v_row.created_at + make_interval(secs => p_cap_seconds));
        IF v_expires <= v_row.expires_at THEN
            RAISE EXCEPTION USING ERRCODE = 'MX409', MESSAGE = format(
                'Booking %s is already held for the longest allowed (%s min in all)', p_booking, round(p_cap_seconds / 60));
        END IF;
        UPDATE bookings SET expires_at = v_expires WHERE show_id = v_row.show_id AND booking_id = p_booking;
        UPDATE seats SET hold_expires_at = v_expires, change_xid = pg_current_xact_id()
         WHERE show_id = v_row.show_id AND seat_id = ANY (modex_booking_seat_ids(v_row.show_id, p_booking))
           AND booking_id = p_booking;
        RETURN QUERY SELECT v_row.show_id, extract(epoch FROM v_expires)::float8;
    END $$;
    """
}
