/// Leaner booking calls, measured under `modex bench`:
/// - the booking functions run with generic plans. PL/pgSQL otherwise re-plans every statement
///   that takes an array (`seat_id = ANY (ids)`) on each call. Every statement names seats by
///   primary key, so the generic plan is an index scan (IndexUseTests forces and checks it);
/// - `modex_lock_booking` returns the booking's seat ids itself; the SQL function it replaces was
///   parsed and planned again on every call;
/// - `modex_hold` writes the booking, its links and the seats in one statement, and looks the
///   show up only to explain a failure;
/// - `modex_confirm` returns what a confirmation shows (seats, operator, times), so confirming
///   is one round trip instead of two.
enum Schema0004 {
    static let leanerBookingCalls = """
    DROP FUNCTION modex_lock_booking(bigint);
    DROP FUNCTION modex_booking_seat_ids(bigint, bigint);

    CREATE FUNCTION modex_lock_booking(p_booking bigint, OUT booking bookings, OUT seat_ids int[])
    LANGUAGE plpgsql AS $$
    DECLARE v_show bigint;
    BEGIN
        SELECT b.show_id INTO v_show FROM bookings b WHERE b.booking_id = p_booking;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'MX404', MESSAGE = format('Booking %s does not exist', p_booking);
        END IF;
        SELECT coalesce(array_agg(l.seat_id ORDER BY l.seat_id), '{}') INTO seat_ids
          FROM booking_seats l WHERE l.show_id = v_show AND l.booking_id = p_booking;
        PERFORM 1 FROM seats s WHERE s.show_id = v_show AND s.seat_id = ANY (seat_ids) ORDER BY s.seat_id FOR UPDATE;
        SELECT * INTO booking FROM bookings b WHERE b.show_id = v_show AND b.booking_id = p_booking FOR UPDATE;
    END $$;

    DROP FUNCTION modex_confirm(bigint, text);
    CREATE FUNCTION modex_confirm(p_booking bigint, p_email text)
    RETURNS TABLE (show_id bigint, operator text, seats text[], created_at float8, expires_at float8, confirmed_at float8)
    LANGUAGE plpgsql AS $$
    #variable_conflict use_column
    DECLARE v_lock record; v_row bookings; v_ids int[]; v_labels text[];
    BEGIN
        SELECT * INTO v_lock FROM modex_lock_booking(p_booking);
        v_row := v_lock.booking; v_ids := v_lock.seat_ids;
        IF v_row.status <> 'PENDING' OR v_row.expires_at <= now() THEN
            PERFORM modex_state_error(v_row, 'confirm');
        END IF;
        UPDATE bookings SET status = 'CONFIRMED', email = p_email, confirmed_at = now()
         WHERE show_id = v_row.show_id AND booking_id = p_booking;
        WITH booked AS (
            UPDATE seats SET status = 'BOOKED', hold_expires_at = NULL, change_xid = pg_current_xact_id()
             WHERE show_id = v_row.show_id AND seat_id = ANY (v_ids) AND booking_id = p_booking
         RETURNING seat_id, label)
        SELECT array_agg(label ORDER BY seat_id) INTO v_labels FROM booked;
        RETURN QUERY SELECT v_row.show_id, v_row.operator, v_labels, extract(epoch FROM v_row.created_at)::float8,
                            extract(epoch FROM v_row.expires_at)::float8, extract(epoch FROM now())::float8;
    END $$;

    CREATE OR REPLACE FUNCTION modex_end_booking(p_booking bigint, p_from modex_booking_status, p_action text)
    RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE v_lock record; v_row bookings; v_ids int[];
    BEGIN
        SELECT * INTO v_lock FROM modex_lock_booking(p_booking);
        v_row := v_lock.booking; v_ids := v_lock.seat_ids;
        IF v_row.status <> p_from OR (p_from = 'PENDING' AND v_row.expires_at <= now()) THEN
            PERFORM modex_state_error(v_row, p_action);
        END IF;
        UPDATE bookings SET status = 'CANCELLED', ended_at = now()
         WHERE show_id = v_row.show_id AND booking_id = p_booking;
        UPDATE seats SET status = 'AVAILABLE', booking_id = NULL, hold_expires_at = NULL, change_xid = pg_current_xact_id()
         WHERE show_id = v_row.show_id AND seat_id = ANY (v_ids) AND booking_id = p_booking;
        RETURN v_row.show_id;
    END $$;

    CREATE OR REPLACE FUNCTION modex_extend(p_booking bigint, p_seconds float8, p_cap_seconds float8)
    RETURNS TABLE (show_id bigint, expires_at float8) LANGUAGE plpgsql AS $$
    #variable_conflict use_column
    DECLARE v_lock record; v_row bookings; v_ids int[]; v_expires timestamptz;
    BEGIN
        SELECT * INTO v_lock FROM modex_lock_booking(p_booking);
        v_row := v_lock.booking; v_ids := v_lock.seat_ids;
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
         WHERE show_id = v_row.show_id AND seat_id = ANY (v_ids) AND booking_id = p_booking;
        RETURN QUERY SELECT v_row.show_id, extract(epoch FROM v_expires)::float8;
    END $$;

    -- The show is looked up only to explain a failure; the booking, its links and the seats are
    -- written by one statement.
    CREATE OR REPLACE FUNCTION modex_hold(p_show bigint, p_labels text[], p_email text, p_operator text, p_seconds float8)
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
            INSERT INTO bookings (show_id, email, status, operator, expires_at)
                 VALUES (p_show, p_email, 'PENDING', p_operator, v_expires)
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

    ALTER FUNCTION modex_confirm(bigint, text) SET plan_cache_mode = force_generic_plan;
    ALTER FUNCTION modex_end_booking(bigint, modex_booking_status, text) SET plan_cache_mode = force_generic_plan;
    ALTER FUNCTION modex_extend(bigint, float8, float8) SET plan_cache_mode = force_generic_plan;
    """
}
