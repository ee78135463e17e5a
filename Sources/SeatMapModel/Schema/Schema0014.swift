/// A leaner booking path: every booking call writes fewer rows and index entries, so more of
/// them fit on the same cores (see docs/BENCHMARKS.md, "Twenty-third session").
///
/// What changes:
/// - A booking lists its seats itself (`bookings.seat_ids`, in seat order) instead of one
///   `booking_seats` row per seat, whose status a cascading foreign key kept equal to the
///   booking's: a hold wrote two rows per seat, and every status change rewrote them.
/// - A sale is a row of `sold_seats`, whose primary key is the seat: the database refuses a
///   second sale of a seat while the first stands. A hold is the seat row's single
///   `booking_id`, which only a hold (or an addition to one) of an available or lapsed seat
///   may set.
/// - The change feed reads bookings, not seats: every change stamps the bookings it writes with
///   its transaction (`bookings.change_xid`, indexed with the show), and a watcher re-reads the
///   seats those bookings list. A seat update then changes no indexed column, so PostgreSQL
///   updates it in place (a HOT update, helped by `fillfactor = 70`), without new entries in
///   the seats' indexes. `seats.change_xid` and its index go, and so does
///   `seats_lapsing_holds`: the sweep finds lapsed holds through their bookings.
/// - Calls lock by writing, where they can: confirm, release and cancel update the booking row
///   with the state they need in the WHERE clause, then its seats, and explain a refusal only
///   when nothing matched (a `SELECT ... FOR UPDATE` first would write a lock record of its
///   own). A hold writes its booking and then updates only the seats that are still free, and
///   raises MX423 (undoing both) if any was not. Extend, add and return read the booking before
///   they decide, so they lock it with `FOR UPDATE`.
///
/// Lock order: a booking row, then its seats in seat order. A hold locks only seats (its
/// booking is new), in seat order; it may take a lapsed seat of another booking without
/// locking that booking, which keeps its other seats until the sweep ends it. A booking whose
/// hold lapsed is never confirmed, released or extended, and a call that finds one of its
/// seats taken anyway (its clock read before the lapse) is refused.
///
/// Pickers of the previous version read `booking_seats` and `seats.change_xid`, so they must
/// be restarted after this migration (README, "Upgrading").
enum Schema0014 {
    static let leanBookingPath = """
    ALTER TABLE bookings ADD COLUMN seat_ids int[] NOT NULL DEFAULT '{}',
                         ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
    UPDATE bookings b SET seat_ids = l.ids
      FROM (SELECT show_id, booking_id, array_agg(seat_id ORDER BY seat_id) AS ids
              FROM booking_seats GROUP BY show_id, booking_id) l
     WHERE b.show_id = l.show_id AND b.booking_id = l.booking_id;
    CREATE INDEX bookings_changed_since ON bookings (show_id, change_xid);

    CREATE TABLE sold_seats (
        show_id    bigint NOT NULL,
        seat_id    integer NOT NULL,
        booking_id bigint NOT NULL,
        PRIMARY KEY (show_id, seat_id),
        FOREIGN KEY (show_id, seat_id) REFERENCES seats,
        FOREIGN KEY (show_id, booking_id) REFERENCES bookings
    );
    INSERT INTO sold_seats (show_id, seat_id, booking_id)
    SELECT show_id, seat_id, booking_id FROM booking_seats WHERE booking_status = 'CONFIRMED';

    DROP FUNCTION modex_lock_booking(bigint);
    DROP TABLE booking_seats;
    ALTER TABLE bookings DROP CONSTRAINT bookings_show_id_booking_id_status_key;
    DROP INDEX seats_changed_since;
    DROP INDEX seats_lapsing_holds;
    ALTER TABLE seats DROP COLUMN change_xid;
    ALTER TABLE seats SET (fillfactor = 70);

    -- Explains why booking p_booking cannot have p_action done to it: not found, or its state.
    CREATE FUNCTION modex_refuse(p_booking bigint, p_action text) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE v_row bookings;
    BEGIN
        SELECT * INTO v_row FROM bookings b WHERE b.booking_id = p_booking;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'MX404', MESSAGE = format('Booking %s does not exist', p_booking);
        END IF;
        PERFORM modex_state_error(v_row, p_action);
    END $$;

    -- A PENDING booking that was live when the call began, but one of whose seats a hold took
    -- as lapsed before the call got to it: refused as the expired booking it is.
    CREATE FUNCTION modex_refuse_lapsed(p_row bookings, p_action text) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        p_row.status := 'EXPIRED';
        PERFORM modex_state_error(p_row, p_action);
    END $$;

    -- The refusals a hold and an addition share; each is called only to raise.
    CREATE FUNCTION modex_refuse_started(p_name text, p_starts timestamptz) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION USING ERRCODE = 'MX409', MESSAGE = format(
            '%s started on %s, more than 12 hours ago: its seats can no longer be held',
            p_name, to_char(p_starts, 'Dy FMDD Mon YYYY "at" HH24:MI'));
    END $$;

    -- Some of p_labels are not seats of show p_show (p_found are those that are).
    CREATE FUNCTION modex_refuse_missing(p_show bigint, p_labels text[], p_found text[]) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE v_missing text[];
    BEGIN
        PERFORM 1 FROM shows WHERE show_id = p_show;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'MX404', MESSAGE = format('Show %s does not exist', p_show);
        END IF;
        SELECT array_agg(l ORDER BY l) INTO v_missing FROM unnest(p_labels) l WHERE l <> ALL (coalesce(p_found, '{}'));
        RAISE EXCEPTION USING ERRCODE = 'MX404',
            MESSAGE = format('Show %s has no seat %s', p_show, array_to_string(v_missing, ', '));
    END $$;

    -- Some of seats p_ids of show p_show are not booking p_owner's after it tried to take them.
    CREATE FUNCTION modex_refuse_taken(p_show bigint, p_ids int[], p_owner bigint) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE v_taken text[];
    BEGIN
        SELECT array_agg(s.label ORDER BY s.seat_id) INTO v_taken
          FROM seats s WHERE s.show_id = p_show AND s.seat_id = ANY (p_ids) AND s.booking_id IS DISTINCT FROM p_owner;
        IF v_taken IS NULL THEN   -- the seats are gone: the show was deleted meanwhile
            RAISE EXCEPTION USING ERRCODE = 'MX404', MESSAGE = format('Show %s does not exist', p_show);
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'MX423', MESSAGE = 'seats unavailable', DETAIL = v_taken::text;
    END $$;

    CREATE OR REPLACE FUNCTION modex_hold(p_show bigint, p_labels text[], p_email text, p_operator text, p_seconds float8,
                               p_request text)
    RETURNS TABLE (booking_id bigint, expires_at float8) LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    DECLARE
        v_ids int[]; v_found text[]; v_booking bigint; v_expires timestamptz; v_name text; v_starts timestamptz;
        v_held int;
    BEGIN
        SELECT name, starts_at INTO v_name, v_starts FROM shows WHERE show_id = p_show;
        IF v_starts < now() - interval '12 hours' THEN
            PERFORM modex_refuse_started(v_name, v_starts);
        END IF;
        IF p_seconds IS NULL OR p_seconds <= 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'MX422', MESSAGE = 'The hold duration must be positive';
        END IF;
        SELECT array_agg(s.seat_id ORDER BY s.seat_id), array_agg(s.label)
          INTO v_ids, v_found
          FROM seats s WHERE s.show_id = p_show AND s.label = ANY (p_labels);
        IF coalesce(cardinality(v_found), 0) < coalesce(cardinality(p_labels), 0) THEN
            PERFORM modex_refuse_missing(p_show, p_labels, v_found);
        END IF;
        v_expires := now() + make_interval(secs => p_seconds);
        INSERT INTO bookings (show_id, email, status, operator, expires_at, request_id, seat_ids)
             VALUES (p_show, p_email, 'PENDING', p_operator, v_expires, p_request, v_ids)
          RETURNING bookings.booking_id INTO v_booking;
        UPDATE seats SET status = 'RESERVED', booking_id = v_booking, hold_expires_at = v_expires
         WHERE show_id = p_show AND seat_id = ANY (v_ids)
           AND (status = 'AVAILABLE' OR (status = 'RESERVED' AND hold_expires_at <= now()));
        GET DIAGNOSTICS v_held = ROW_COUNT;
        IF v_held < cardinality(v_ids) THEN
            PERFORM modex_refuse_taken(p_show, v_ids, v_booking);
        END IF;
        RETURN QUERY SELECT v_booking, extract(epoch FROM v_expires)::float8;
    END $$;

    CREATE OR REPLACE FUNCTION modex_confirm(p_booking bigint, p_email text, p_paid_by text)
    RETURNS TABLE (show_id bigint, operator text, seats text[], created_at float8, expires_at float8, confirmed_at float8)
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    DECLARE v_row bookings; v_labels text[]; v_pending CONSTANT modex_booking_status := 'PENDING';
    BEGIN
        -- v_pending, not a literal: a generic plan that knows the status is PENDING reads every
        -- pending booking through bookings_pending_expiry instead of this one by its id.
        UPDATE bookings b SET status = 'CONFIRMED', email = p_email, confirmed_at = now(), paid_by = p_paid_by,
                              change_xid = pg_current_xact_id()
         WHERE b.booking_id = p_booking AND b.status = v_pending AND b.expires_at > now()
        RETURNING * INTO v_row;
        IF NOT FOUND THEN
            PERFORM modex_refuse(p_booking, 'confirm');
        END IF;
        WITH booked AS (
            UPDATE seats SET status = 'BOOKED', hold_expires_at = NULL
             WHERE show_id = v_row.show_id AND seat_id = ANY (v_row.seat_ids) AND booking_id = p_booking
         RETURNING seat_id, label),
        sold AS (
            INSERT INTO sold_seats (show_id, seat_id, booking_id) SELECT v_row.show_id, seat_id, p_booking FROM booked)
        SELECT array_agg(label ORDER BY seat_id) INTO v_labels FROM booked;
        IF coalesce(cardinality(v_labels), 0) < cardinality(v_row.seat_ids) THEN
            PERFORM modex_refuse_lapsed(v_row, 'confirm');
        END IF;
        RETURN QUERY SELECT v_row.show_id, v_row.operator, v_labels, extract(epoch FROM v_row.created_at)::float8,
                            extract(epoch FROM v_row.expires_at)::float8, extract(epoch FROM v_row.confirmed_at)::float8;
    END $$;

    CREATE OR REPLACE FUNCTION modex_confirm(p_booking bigint, p_email text)
    RETURNS TABLE (show_id bigint, operator text, seats text[], created_at float8, expires_at float8, confirmed_at float8)
    LANGUAGE sql AS $$
        SELECT * FROM modex_confirm(p_booking, p_email, NULL::text)
    $$;

    CREATE OR REPLACE FUNCTION modex_end_booking(p_booking bigint, p_from modex_booking_status, p_action text, p_operator text)
    RETURNS bigint LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    DECLARE v_row bookings; v_freed int;
    BEGIN
        UPDATE bookings b SET status = 'CANCELLED', ended_at = now(), ended_by = p_operator,
                              change_xid = pg_current_xact_id()
         WHERE b.booking_id = p_booking AND b.status = p_from AND (p_from <> 'PENDING' OR b.expires_at > now())
        RETURNING * INTO v_row;
        IF NOT FOUND THEN
            PERFORM modex_refuse(p_booking, p_action);
        END IF;
        IF p_from = 'CONFIRMED' THEN
            DELETE FROM sold_seats
             WHERE show_id = v_row.show_id AND seat_id = ANY (v_row.seat_ids) AND booking_id = p_booking;
        END IF;
        UPDATE seats SET status = 'AVAILABLE', booking_id = NULL, hold_expires_at = NULL
         WHERE show_id = v_row.show_id AND seat_id = ANY (v_row.seat_ids) AND booking_id = p_booking;
        GET DIAGNOSTICS v_freed = ROW_COUNT;
        IF v_freed < cardinality(v_row.seat_ids) AND p_from = 'PENDING' THEN
            PERFORM modex_refuse_lapsed(v_row, p_action);
        END IF;
        RETURN v_row.show_id;
    END $$;

    CREATE OR REPLACE FUNCTION modex_end_booking(p_booking bigint, p_from modex_booking_status, p_action text)
    RETURNS bigint LANGUAGE sql AS $$
        SELECT modex_end_booking(p_booking, p_from, p_action, NULL::text)
    $$;

    CREATE OR REPLACE FUNCTION modex_extend(p_booking bigint, p_seconds float8, p_cap_seconds float8)
    RETURNS TABLE (show_id bigint, expires_at float8) LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    DECLARE v_row bookings; v_expires timestamptz; v_moved int; v_pending CONSTANT modex_booking_status := 'PENDING';
    BEGIN
        SELECT * INTO v_row FROM bookings b
         WHERE b.booking_id = p_booking AND b.status = v_pending AND b.expires_at > now() FOR UPDATE;
        IF NOT FOUND THEN
            PERFORM modex_refuse(p_booking, 'extend');
        END IF;
        v_expires := least(v_row.expires_at + make_interval(secs => p_seconds),
                           v_row.created_at + make_interval(secs => p_cap_seconds));
        IF v_expires <= v_row.expires_at THEN
            RAISE EXCEPTION USING ERRCODE = 'MX409', MESSAGE = format(
                'Booking %s is already held for the longest allowed (%s min in all)', p_booking, round(p_cap_seconds / 60));
        END IF;
        UPDATE bookings SET expires_at = v_expires, change_xid = pg_current_xact_id()
         WHERE show_id = v_row.show_id AND booking_id = p_booking;
        UPDATE seats SET hold_expires_at = v_expires
         WHERE show_id = v_row.show_id AND seat_id = ANY (v_row.seat_ids) AND booking_id = p_booking;
        GET DIAGNOSTICS v_moved = ROW_COUNT;
        IF v_moved < cardinality(v_row.seat_ids) THEN
            PERFORM modex_refuse_lapsed(v_row, 'extend');
        END IF;
        RETURN QUERY SELECT v_row.show_id, extract(epoch FROM v_expires)::float8;
    END $$;

    CREATE OR REPLACE FUNCTION modex_add_seats(p_booking bigint, p_labels text[], p_max int)
    RETURNS TABLE (show_id bigint, seats text[], created_at float8, expires_at float8) LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    DECLARE
        v_row bookings; v_ids int[]; v_new int[]; v_found text[]; v_name text; v_starts timestamptz; v_held int;
        v_pending CONSTANT modex_booking_status := 'PENDING';
    BEGIN
        IF coalesce(cardinality(p_labels), 0) = 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'MX422', MESSAGE = 'Name the seats to add';
        END IF;
        SELECT * INTO v_row FROM bookings b
         WHERE b.booking_id = p_booking AND b.status = v_pending AND b.expires_at > now() FOR UPDATE;
        IF NOT FOUND THEN
            PERFORM modex_refuse(p_booking, 'add seats to');
        END IF;
        SELECT name, starts_at INTO v_name, v_starts FROM shows WHERE show_id = v_row.show_id;
        IF v_starts < now() - interval '12 hours' THEN
            PERFORM modex_refuse_started(v_name, v_starts);
        END IF;
        SELECT array_agg(s.seat_id ORDER BY s.seat_id), array_agg(s.label)
          INTO v_ids, v_found
          FROM seats s WHERE s.show_id = v_row.show_id AND s.label = ANY (p_labels);
        IF coalesce(cardinality(v_found), 0) < cardinality(p_labels) THEN
            PERFORM modex_refuse_missing(v_row.show_id, p_labels, v_found);
        END IF;
        -- Seats the booking has already are left alone, so sending the same addition again is harmless.
        v_new := ARRAY(SELECT id FROM unnest(v_ids) id WHERE id <> ALL (v_row.seat_ids) ORDER BY id);
        UPDATE seats SET status = 'RESERVED', booking_id = p_booking, hold_expires_at = v_row.expires_at
         WHERE show_id = v_row.show_id AND seat_id = ANY (v_new)
           AND (status = 'AVAILABLE' OR (status = 'RESERVED' AND hold_expires_at <= now()));
        GET DIAGNOSTICS v_held = ROW_COUNT;
        IF v_held < cardinality(v_new) THEN
            PERFORM modex_refuse_taken(v_row.show_id, v_new, p_booking);
        END IF;
        IF cardinality(v_row.seat_ids) + cardinality(v_new) > p_max THEN
            RAISE EXCEPTION USING ERRCODE = 'MX422', MESSAGE = format(
                'A hold takes at most %s seats; booking %s has %s, and these would make %s',
                p_max, p_booking, cardinality(v_row.seat_ids), cardinality(v_row.seat_ids) + cardinality(v_new));
        END IF;
        IF cardinality(v_new) > 0 THEN
            UPDATE bookings SET seat_ids = ARRAY(SELECT unnest(v_row.seat_ids || v_new) ORDER BY 1),
                                change_xid = pg_current_xact_id()
             WHERE show_id = v_row.show_id AND booking_id = p_booking;
        END IF;
        RETURN QUERY SELECT v_row.show_id,
            ARRAY(SELECT s.label FROM seats s
                   WHERE s.show_id = v_row.show_id AND s.seat_id = ANY (v_row.seat_ids || v_new) ORDER BY s.seat_id),
            extract(epoch FROM v_row.created_at)::float8, extract(epoch FROM v_row.expires_at)::float8;
    END $$;

    CREATE OR REPLACE FUNCTION modex_return_seats(p_booking bigint, p_labels text[], p_operator text)
    RETURNS TABLE (show_id bigint, returned_booking bigint) LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    DECLARE v_row bookings; v_return int[]; v_missing text[]; v_new bigint;
    BEGIN
        IF coalesce(cardinality(p_labels), 0) = 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'MX422', MESSAGE = 'Name the seats to give back';
        END IF;
        SELECT * INTO v_row FROM bookings b WHERE b.booking_id = p_booking AND b.status = 'CONFIRMED' FOR UPDATE;
        IF NOT FOUND THEN
            PERFORM modex_refuse(p_booking, 'cancel');
        END IF;
        SELECT array_agg(s.seat_id ORDER BY s.seat_id) INTO v_return
          FROM seats s WHERE s.show_id = v_row.show_id AND s.seat_id = ANY (v_row.seat_ids) AND s.label = ANY (p_labels);
        SELECT array_agg(l ORDER BY l) INTO v_missing
          FROM unnest(p_labels) l
         WHERE NOT EXISTS (SELECT 1 FROM seats s WHERE s.show_id = v_row.show_id AND s.seat_id = ANY (v_row.seat_ids) AND s.label = l);
        IF v_missing IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'MX409', MESSAGE = format('Booking %s has no seat %s (its seats: %s)',
                p_booking, array_to_string(v_missing, ' '),
                (SELECT string_agg(s.label, ' ' ORDER BY s.seat_id) FROM seats s
                  WHERE s.show_id = v_row.show_id AND s.seat_id = ANY (v_row.seat_ids)));
        END IF;
        IF cardinality(v_return) = cardinality(v_row.seat_ids) THEN
            UPDATE bookings SET status = 'CANCELLED', ended_at = now(), ended_by = p_operator, change_xid = pg_current_xact_id()
             WHERE show_id = v_row.show_id AND booking_id = p_booking;
            v_new := p_booking;
        ELSE
            INSERT INTO bookings (show_id, email, status, operator, created_at, expires_at, confirmed_at,
                                  ended_at, ended_by, paid_by, returned_from, seat_ids)
            VALUES (v_row.show_id, v_row.email, 'CANCELLED', v_row.operator, v_row.created_at, v_row.expires_at,
                    v_row.confirmed_at, now(), p_operator, v_row.paid_by, p_booking, v_return)
            RETURNING booking_id INTO v_new;
            UPDATE bookings SET seat_ids = ARRAY(SELECT id FROM unnest(v_row.seat_ids) id WHERE id <> ALL (v_return) ORDER BY id),
                                change_xid = pg_current_xact_id()
             WHERE show_id = v_row.show_id AND booking_id = p_booking;
        END IF;
        DELETE FROM sold_seats WHERE show_id = v_row.show_id AND seat_id = ANY (v_return) AND booking_id = p_booking;
        UPDATE seats SET status = 'AVAILABLE', booking_id = NULL, hold_expires_at = NULL
         WHERE show_id = v_row.show_id AND seat_id = ANY (v_return) AND booking_id = p_booking;
        RETURN QUERY SELECT v_row.show_id, v_new;
    END $$;

    -- Ends lapsed holds and frees their seats. Bookings another call has locked are left for
    -- the next sweep. The seats are updated in seat order (by primary key), as holds take
    -- them; a seat a hold took meanwhile is the hold's, and left alone.
    CREATE OR REPLACE FUNCTION modex_expire()
    RETURNS TABLE (expired_bookings int, freed_seats int) LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    DECLARE v_shows bigint[]; v_bookings bigint[]; v_seats int[]; v_show bigint; n_b int; n_s int := 0; c int;
    BEGIN
        SELECT coalesce(array_agg(b.show_id ORDER BY b.show_id, b.booking_id), '{}'),
               coalesce(array_agg(b.booking_id ORDER BY b.show_id, b.booking_id), '{}')
          INTO v_shows, v_bookings
          FROM (SELECT b.show_id, b.booking_id FROM bookings b
                 WHERE b.status = 'PENDING' AND b.expires_at <= now()
                 ORDER BY b.show_id, b.booking_id FOR UPDATE SKIP LOCKED) b;
        UPDATE bookings b SET status = 'EXPIRED', ended_at = now(), change_xid = pg_current_xact_id()
          FROM unnest(v_shows, v_bookings) l(show_id, booking_id)
         WHERE b.show_id = l.show_id AND b.booking_id = l.booking_id;
        GET DIAGNOSTICS n_b = ROW_COUNT;
        FOR v_show IN SELECT DISTINCT x FROM unnest(v_shows) x ORDER BY x LOOP
            v_seats := ARRAY(SELECT unnest(b.seat_ids) FROM bookings b
                              WHERE b.show_id = v_show AND b.booking_id = ANY (v_bookings));
            UPDATE seats SET status = 'AVAILABLE', booking_id = NULL, hold_expires_at = NULL
             WHERE show_id = v_show AND seat_id = ANY (v_seats) AND booking_id = ANY (v_bookings)
               AND status = 'RESERVED';
            GET DIAGNOSTICS c = ROW_COUNT;
            n_s := n_s + c;
            PERFORM pg_notify('modex_changes', v_show::text);
        END LOOP;
        RETURN QUERY SELECT n_b, n_s;
    END $$;
    """
}
