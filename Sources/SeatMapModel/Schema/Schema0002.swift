/// Booking operations as single-round-trip SQL functions.
///
/// Lock order, everywhere: seat rows in (show_id, seat_id) order, then booking rows. Following
/// one order makes the operations deadlock-free. Every change stamps the seats it touches with
/// `change_xid`. Only the sweep NOTIFYs inside its transaction: for holds, confirms, releases
/// and extensions `HoldService` announces the show right after the commit, because a NOTIFY in
/// the booking transaction holds PostgreSQL's global notify lock through the commit's WAL flush
/// and so serializes every booking in the database.
/// Custom SQLSTATEs: MX404 not found, MX409 wrong state, MX422 invalid input,
/// MX423 seats unavailable (DETAIL holds the labels as a text[] literal).
enum Schema0002 {
    static let functions = """
    CREATE FUNCTION modex_hold(p_show bigint, p_labels text[], p_email text, p_operator text, p_seconds float8)
    RETURNS TABLE (booking_id bigint, expires_at float8) LANGUAGE plpgsql AS $$
    #variable_conflict use_column
    DECLARE
        v_ids int[]; v_found text[]; v_taken text[]; v_stale bigint[]; v_missing text[];
        v_booking bigint; v_expires timestamptz;
    BEGIN
        PERFORM 1 FROM shows WHERE show_id = p_show;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'MX404', MESSAGE = format('Show %s does not exist', p_show);
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
            SELECT array_agg(l ORDER BY l) INTO v_missing
              FROM unnest(p_labels) l WHERE l <> ALL (coalesce(v_found, '{}'));
            RAISE EXCEPTION USING ERRCODE = 'MX404',
                MESSAGE = format('Show %s has no seat %s', p_show, array_to_string(v_missing, ', '));
        END IF;
        IF v_taken IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'MX423', MESSAGE = 'seats unavailable', DETAIL = v_taken::text;
        END IF;
        IF v_stale IS NOT NULL THEN
            -- lapsed holds give way at once; no sweep needed
            UPDATE bookings SET status = 'EXPIRED', ended_at = now()
             WHERE show_id = p_show AND booking_id = ANY (v_stale)
               AND status = 'PENDING' AND expires_at <= now();
        END IF;
        v_expires := now() + make_interval(secs => p_seconds);
        INSERT INTO bookings (show_id, email, status, operator, expires_at)
             VALUES (p_show, p_email, 'PENDING', p_operator, v_expires)
          RETURNING booking_id INTO v_booking;
        INSERT INTO booking_seats (show_id, booking_id, seat_id, booking_status)
             SELECT p_show, v_booking, id, 'PENDING' FROM unnest(v_ids) id;
                UPDATE seats SET status = 'RESERVED', booking_id = v_booking, hold_expires_at = v_expires, change_xid = pg_current_xact_id()
         WHERE show_id = p_show AND seat_id = ANY (v_ids);
        RETURN QUERY SELECT v_booking, extract(epoch FROM v_expires)::float8;
    END $$;

    -- A booking's seat ids, in order. Statements below name seats by `seat_id = ANY (ids)`, so
    -- even the generic plans PL/pgSQL caches go through the primary key: a join to seats could
    -- be planned as a scan of a whole (1,000,000-seat) show.
    CREATE FUNCTION modex_booking_seat_ids(p_show bigint, p_booking bigint) RETURNS int[] LANGUAGE sql STABLE AS $$
        SELECT coalesce(array_agg(seat_id ORDER BY seat_id), '{}') FROM booking_seats
         WHERE show_id = p_show AND booking_id = p_booking
    $$;

    -- Locks a booking's seats in order and returns the booking row, or raises MX404.
    CREATE FUNCTION modex_lock_booking(p_booking bigint) RETURNS bookings LANGUAGE plpgsql AS $$
    DECLARE v_show bigint; v_row bookings;
    BEGIN
        SELECT show_id INTO v_show FROM bookings WHERE booking_id = p_booking;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'MX404', MESSAGE = format('Booking %s does not exist', p_booking);
        END IF;
        PERFORM 1 FROM seats
          WHERE show_id = v_show AND seat_id = ANY (modex_booking_seat_ids(v_show, p_booking))
          ORDER BY seat_id FOR UPDATE;
        SELECT * INTO v_row FROM bookings WHERE show_id = v_show AND booking_id = p_booking FOR UPDATE;
        RETURN v_row;
    END $$;

    CREATE FUNCTION modex_state_error(p_row bookings, p_action text) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        IF p_row.status = 'PENDING' AND p_row.expires_at <= now() OR p_row.status = 'EXPIRED' THEN
            RAISE EXCEPTION USING ERRCODE = 'MX409', MESSAGE = format(
                'Cannot %s booking %s: its hold expired at %s; hold the seats again',
                p_action, p_row.booking_id, to_char(p_row.expires_at, 'HH24:MI:SS'));
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'MX409', MESSAGE = format(
            'Cannot %s booking %s: it is %s', p_action, p_row.booking_id, lower(p_row.status::text));
    END $$;

    CREATE FUNCTION modex_confirm(p_booking bigint, p_email text)
    RETURNS TABLE (show_id bigint, confirmed_at float8) LANGUAGE plpgsql AS $$
    #variable_conflict use_column
    DECLARE v_row bookings;
    BEGIN
        v_row := modex_lock_booking(p_booking);
        IF v_row.status <> 'PENDING' OR v_row.expires_at <= now() THEN
            PERFORM modex_state_error(v_row, 'confirm');
        END IF;
        UPDATE bookings SET status = 'CONFIRMED', email = p_email, confirmed_at = now()
         WHERE show_id = v_row.show_id AND booking_id = p_booking;
                UPDATE seats SET status = 'BOOKED', hold_expires_at = NULL, change_xid = pg_current_xact_id()
         WHERE show_id = v_row.show_id AND seat_id = ANY (modex_booking_seat_ids(v_row.show_id, p_booking))
           AND booking_id = p_booking;
        RETURN QUERY SELECT v_row.show_id, extract(epoch FROM now())::float8;
    END $$;

    -- Release (PENDING -> CANCELLED) and cancel (CONFIRMED -> CANCELLED) both free the seats.
    CREATE FUNCTION modex_end_booking(p_booking bigint, p_from modex_booking_status, p_action text)
    RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE v_row bookings;
    BEGIN
        v_row := modex_lock_booking(p_booking);
        IF v_row.status <> p_from OR (p_from = 'PENDING' AND v_row.expires_at <= now()) THEN
            PERFORM modex_state_error(v_row, p_action);
        END IF;
        UPDATE bookings SET status = 'CANCELLED', ended_at = now()
         WHERE show_id = v_row.show_id AND booking_id = p_booking;
                UPDATE seats SET status = 'AVAILABLE', booking_id = NULL, hold_expires_at = NULL, change_xid = pg_current_xact_id()
         WHERE show_id = v_row.show_id AND seat_id = ANY (modex_booking_seat_ids(v_row.show_id, p_booking))
           AND booking_id = p_booking;
        RETURN v_row.show_id;
    END $$;

    -- The expiry sweep. Seats it cannot lock at once are skipped (their holder is busy with them);
    -- the WHERE clauses are re-checked under lock, so a booking confirmed a moment earlier is never
    -- overwritten.
    CREATE FUNCTION modex_expire()
    RETURNS TABLE (expired_bookings int, freed_seats int) LANGUAGE plpgsql AS $$
    DECLARE v_shows bigint[]; v_seats int[]; v_show bigint; n_b int; n_s int := 0; c int;
    BEGIN
        SELECT coalesce(array_agg(s.show_id ORDER BY s.show_id, s.seat_id), '{}'),
               coalesce(array_agg(s.seat_id ORDER BY s.show_id, s.seat_id), '{}')
          INTO v_shows, v_seats
          FROM (SELECT seats.show_id, seats.seat_id FROM seats
                 WHERE status = 'RESERVED' AND hold_expires_at <= now()
                 ORDER BY seats.show_id, seats.seat_id FOR UPDATE SKIP LOCKED) s;
        UPDATE bookings SET status = 'EXPIRED', ended_at = now()
         WHERE status = 'PENDING' AND bookings.expires_at <= now();
        GET DIAGNOSTICS n_b = ROW_COUNT;
        FOR v_show IN SELECT DISTINCT x FROM unnest(v_shows) x ORDER BY x LOOP
            UPDATE seats SET status = 'AVAILABLE', booking_id = NULL, hold_expires_at = NULL, change_xid = pg_current_xact_id()
             WHERE seats.show_id = v_show
               AND seat_id = ANY (ARRAY(SELECT t.seat FROM unnest(v_shows, v_seats) t(sh, seat) WHERE t.sh = v_show));
            GET DIAGNOSTICS c = ROW_COUNT;
            n_s := n_s + c;
            PERFORM pg_notify('modex_changes', v_show::text);
        END LOOP;
        RETURN QUERY SELECT n_b, n_s;
    END $$;
    """
}
