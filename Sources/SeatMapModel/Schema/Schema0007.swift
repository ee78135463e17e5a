/// A show that started more than 12 hours ago (`ShowCatalog.latestPastStart`, the same line the
/// show list draws between coming and past shows) no longer sells: a hold of its seats is
/// refused, so a clerk who opened last week's show of the same name cannot sell a ticket for it.
/// Holds made before that line can still be confirmed, extended or released.
///
/// The start is written in the session's time zone, which `Database` sets to the terminal's.
enum Schema0007 {
    static let noSalesAfterTheShow = """
    CREATE OR REPLACE FUNCTION modex_hold(p_show bigint, p_labels text[], p_email text, p_operator text, p_seconds float8,
                               p_request text)
    RETURNS TABLE (booking_id bigint, expires_at float8) LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    DECLARE
        v_ids int[]; v_found text[]; v_taken text[]; v_stale bigint[]; v_missing text[];
        v_booking bigint; v_expires timestamptz; v_name text; v_starts timestamptz;
    BEGIN
        SELECT name, starts_at INTO v_name, v_starts FROM shows WHERE show_id = p_show;
        IF v_starts < now() - interval '12 hours' THEN
            RAISE EXCEPTION USING ERRCODE = 'MX409', MESSAGE = format(
                '%s started on %s, more than 12 hours ago: its seats can no longer be held',
                v_name, to_char(v_starts, 'Dy FMDD Mon YYYY "at" HH24:MI'));
        END IF;
        IF p_seconds IS NULL OR p_seconds <= 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'MX422', MESSAGE = 'The hold duration must be positive';
        END IF;
        SELECT array_agg(s.seat_id ORDER BY s.seat_id),
               array_agg(s.label ORDER BY s.seat_id),
               array_agg(s.label ORDER BY s.seat_id)
                   FILTER (WHERE s.status = 'BOOKED' OR (s.status = 'RESERVED' AND s.hold_expires_at > now())),
               array_agg(DISTINCT s.booking_id) FILTER (WHERE s.status = 'RESERVED' AND s.hold_expires_at <= now())
          INTO v_ids, v_found, v_taken, v_stale
          FROM (SELECT * FROM seats
                 WHERE show_id = p_show AND label = ANY (p_labels)
                 ORDER BY seat_id FOR UPDATE) s;
        IF coalesce(array_length(v_found, 1), 0) < coalesce(array_length(p_labels, 1), 0) THEN
            PERFORM 1 FROM shows WHERE show_id = p_show;
            IF NOT FOUND THEN
                RAISE EXCEPTION USING ERRCODE = 'MX404', MESSAGE = format('Show %s does not exist', p_show);
            END IF;
            SELECT array_agg(l ORDER BY l) INTO v_missing
              FROM unnest(p_labels) l WHERE l <> ALL (coalesce(v_found, '{}'));
            RAISE EXCEPTION USING ERRCODE = 'MX404',
                MESSAGE = format('Show %s has no seat %s', p_show, array_to_string(v_missing, ', '));
        END IF;
        IF v_taken IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'MX423', MESSAGE = 'seats unavailable', DETAIL = v_taken::text;
        END IF;
        IF v_stale IS NOT NULL THEN
            UPDATE bookings SET status = 'EXPIRED', ended_at = now()
             WHERE show_id = p_show AND booking_id = ANY (v_stale)
               AND status = 'PENDING' AND expires_at <= now();
        END IF;
        v_expires := now() + make_interval(secs => p_seconds);
        WITH booking AS (
            INSERT INTO bookings (show_id, email, status, operator, expires_at, request_id)
                 VALUES (p_show, p_email, 'PENDING', p_operator, v_expires, p_request)
              RETURNING booking_id),
        links AS (
            INSERT INTO booking_seats (show_id, booking_id, seat_id, booking_status)
                 SELECT p_show, booking.booking_id, id, 'PENDING' FROM booking, unnest(v_ids) id),
        held AS (
            UPDATE seats SET status = 'RESERVED', booking_id = booking.booking_id, hold_expires_at = v_expires,
                             change_xid = pg_current_xact_id()
              FROM booking
             WHERE show_id = p_show AND seat_id = ANY (v_ids))
        SELECT booking.booking_id INTO v_booking FROM booking;
        RETURN QUERY SELECT v_booking, extract(epoch FROM v_expires)::float8;
    END $$;
    """
}
