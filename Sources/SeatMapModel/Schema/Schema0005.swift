/// Holds remember the request that made them. A hold can commit and its answer still be lost
/// (the connection fails in between, or the server answers after the client gave up): the
/// client then cannot tell whether it holds the seats. It chooses an id for each hold request
/// (the picker a fresh UUID, a script perhaps its own order number), and afterwards finds the
/// hold by that id (`HoldService.findHold(request:show:seats:)`) or retries the request and gets
/// the same hold back.
///
/// `modex_hold` is unchanged apart from storing the id. The id is not indexed: a hold is found
/// through its seats (by label, then the booking's primary key), so the hot path pays for no
/// further index. Whether a refusal should ask "did this request take them?" is the caller's
/// choice (`retrying`), because only a retry can get a yes: asking on every refusal made each
/// one about a third slower in a hot-seat fight.
enum Schema0005 {
    static let holdRequestIds = """
    ALTER TABLE bookings ADD COLUMN request_id text CHECK (char_length(request_id) BETWEEN 1 AND 100);

    DROP FUNCTION modex_hold(bigint, text[], text, text, float8);
    CREATE FUNCTION modex_hold(p_show bigint, p_labels text[], p_email text, p_operator text, p_seconds float8,
                               p_request text)
    RETURNS TABLE (booking_id bigint, expires_at float8) LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    DECLARE
        v_ids int[]; v_found text[]; v_taken text[]; v_stale bigint[]; v_missing text[];
        v_booking bigint; v_expires timestamptz;
    BEGIN
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

    -- The previous call, without a request id, for pickers and scripts of the previous version
    -- that are still running when the schema is upgraded.
    CREATE FUNCTION modex_hold(p_show bigint, p_labels text[], p_email text, p_operator text, p_seconds float8)
    RETURNS TABLE (booking_id bigint, expires_at float8) LANGUAGE sql AS $$
        SELECT * FROM modex_hold(p_show, p_labels, p_email, p_operator, p_seconds, NULL::text)
    $$;
    """
}
