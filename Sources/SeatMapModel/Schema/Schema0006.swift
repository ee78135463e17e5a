/// A refused confirm, release, cancel or extend says what the booking is and what to do
/// instead. Before, a cancelled hold read "it is pending", and a released hold "it is cancelled".
///
/// The time a hold ran out is written in the session's time zone, which `Database` sets to the
/// terminal's, so it agrees with the rest of what the terminal shows.
enum Schema0006 {
    static let clearerRefusals = """
    CREATE OR REPLACE FUNCTION modex_state_error(p_row bookings, p_action text) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        IF p_row.status = 'PENDING' AND p_row.expires_at <= now() OR p_row.status = 'EXPIRED' THEN
            RAISE EXCEPTION USING ERRCODE = 'MX409', MESSAGE = format(
                'Cannot %s booking %s: its hold ran out at %s; hold the seats again',
                p_action, p_row.booking_id, to_char(p_row.expires_at, 'HH24:MI:SS'));
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'MX409', MESSAGE = format('Cannot %s booking %s: %s', p_action, p_row.booking_id,
            CASE
                WHEN p_row.status = 'PENDING' THEN 'it is a hold, not yet confirmed; release it instead'
                WHEN p_row.status = 'CONFIRMED' AND p_action = 'release' THEN 'it is confirmed; cancel it instead'
                WHEN p_row.status = 'CONFIRMED' THEN 'it is already confirmed'
                WHEN p_row.confirmed_at IS NULL AND p_action = 'release' THEN 'it was already released'
                WHEN p_row.confirmed_at IS NULL THEN 'its hold was released before it was confirmed'
                WHEN p_action = 'cancel' THEN 'it was already cancelled'
                ELSE 'it was cancelled'
            END);
    END $$;
    """
}
