/// A hold can take more seats while the customer is at the counter ("and one for my friend"):
/// `modex_add_seats` adds seats to a PENDING booking, which keeps its number and its expiry.
/// Before, the clerk had to release the hold and hold all the seats again, and another terminal
/// could take them in between, or sell the new seats as a second booking.
///
/// Locks: the booking first, then the new seats in seat order. A booking's seats can now grow,
/// so `modex_lock_booking` (confirm, release, cancel, extend, returns) reads the booking's seats
/// again once it holds the booking, and locks any added while it waited. An add waits for the
/// booking before it locks any seat, and then locks only seats that are not the booking's, so
/// it never holds a seat that a confirmation or release of the booking waits for.
///
/// Safe to send again: a seat the booking already has is not taken from it, and is not added
/// twice. `p_max` is the most seats the booking may have in all.
enum Schema0013 {
    static let addSeatsToAHold = """
    CREATE OR REPLACE FUNCTION modex_lock_booking(p_booking bigint, OUT booking bookings, OUT seat_ids int[])
    LANGUAGE plpgsql AS $$
    DECLARE v_show bigint; v_added int[];
    BEGIN
        SELECT b.show_id INTO v_show FROM bookings b WHERE b.booking_id = p_booking;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'MX404', MESSAGE = format('Booking %s does not exist', p_booking);
        END IF;
        SELECT coalesce(array_agg(l.seat_id ORDER BY l.seat_id), '{}') INTO seat_ids
          FROM booking_seats l WHERE l.show_id = v_show AND l.booking_id = p_booking;
        PERFORM 1 FROM seats s WHERE s.show_id = v_show AND s.seat_id = ANY (seat_ids) ORDER BY s.seat_id FOR UPDATE;
        SELECT * INTO booking FROM bookings b WHERE b.show_id = v_show AND b.booking_id = p_booking FOR UPDATE;
        -- Seats added (modex_add_seats) while this call waited for the booking are its seats too.
        SELECT coalesce(array_agg(l.seat_id ORDER BY l.seat_id), '{}') INTO v_added
          FROM booking_seats l WHERE l.show_id = v_show AND l.booking_id = p_booking AND l.seat_id <> ALL (seat_ids);
        IF cardinality(v_added) > 0 THEN
            PERFORM 1 FROM seats s WHERE s.show_id = v_show AND s.seat_id = ANY (v_added) ORDER BY s.seat_id FOR UPDATE;
            seat_ids := ARRAY(SELECT unnest(seat_ids || v_added) ORDER BY 1);
        END IF;
    END $$;

    CREATE FUNCTION modex_add_seats(p_booking bigint, p_labels text[], p_max int)
    RETURNS TABLE (show_id bigint, seats text[], created_at float8, expires_at float8) LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    DECLARE
        v_row bookings; v_own int[]; v_new int[]; v_found text[]; v_taken text[]; v_stale bigint[]; v_missing text[];
        v_name text; v_starts timestamptz;
    BEGIN
        IF coalesce(cardinality(p_labels), 0) = 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'MX422', MESSAGE = 'Name the seats to add';
        END IF;
        SELECT * INTO v_row FROM bookings b WHERE b.booking_id = p_booking FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'MX404', MESSAGE = format('Booking %s does not exist', p_booking);
        END IF;
        IF v_row.status <> 'PENDING' OR v_row.expires_at <= now() THEN
            PERFORM modex_state_error(v_row, 'add seats to');
        END IF;
        SELECT name, starts_at INTO v_name, v_starts FROM shows WHERE show_id = v_row.show_id;
        IF v_starts < now() - interval '12 hours' THEN
            RAISE EXCEPTION USING ERRCODE = 'MX409', MESSAGE = format(
                '%s started on %s, more than 12 hours ago: its seats can no longer be held',
                v_name, to_char(v_starts, 'Dy FMDD Mon YYYY "at" HH24:MI'));
        END IF;
        -- Read under the booking's lock, which every change of its seats takes.
        SELECT coalesce(array_agg(l.seat_id ORDER BY l.seat_id), '{}') INTO v_own
          FROM booking_seats l WHERE l.show_id = v_row.show_id AND l.booking_id = p_booking;
        SELECT array_agg(s.seat_id ORDER BY s.seat_id),
               array_agg(s.label ORDER BY s.seat_id)
                   FILTER (WHERE s.status = 'BOOKED' OR (s.status = 'RESERVED' AND s.hold_expires_at > now())),
               array_agg(DISTINCT s.booking_id) FILTER (WHERE s.status = 'RESERVED' AND s.hold_expires_at <= now())
          INTO v_new, v_taken, v_stale
          FROM (SELECT * FROM seats s
                 WHERE s.show_id = v_row.show_id AND s.label = ANY (p_labels) AND s.seat_id <> ALL (v_own)
                 ORDER BY s.seat_id FOR UPDATE) s;
        SELECT array_agg(s.label) INTO v_found FROM seats s WHERE s.show_id = v_row.show_id AND s.label = ANY (p_labels);
        IF coalesce(cardinality(v_found), 0) < cardinality(p_labels) THEN
            SELECT array_agg(l ORDER BY l) INTO v_missing
              FROM unnest(p_labels) l WHERE l <> ALL (coalesce(v_found, '{}'));
            RAISE EXCEPTION USING ERRCODE = 'MX404',
                MESSAGE = format('Show %s has no seat %s', v_row.show_id, array_to_string(v_missing, ', '));
        END IF;
        IF v_taken IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'MX423', MESSAGE = 'seats unavailable', DETAIL = v_taken::text;
        END IF;
        IF cardinality(v_own) + coalesce(cardinality(v_new), 0) > p_max THEN
            RAISE EXCEPTION USING ERRCODE = 'MX422', MESSAGE = format(
                'A hold takes at most %s seats; booking %s has %s, and these would make %s',
                p_max, p_booking, cardinality(v_own), cardinality(v_own) + cardinality(v_new));
        END IF;
        IF v_stale IS NOT NULL THEN
            UPDATE bookings SET status = 'EXPIRED', ended_at = now()
             WHERE show_id = v_row.show_id AND booking_id = ANY (v_stale)
               AND status = 'PENDING' AND expires_at <= now();
        END IF;
        IF v_new IS NOT NULL THEN
            INSERT INTO booking_seats (show_id, booking_id, seat_id, booking_status)
                 SELECT v_row.show_id, p_booking, id, 'PENDING' FROM unnest(v_new) id;
            UPDATE seats SET status = 'RESERVED', booking_id = p_booking, hold_expires_at = v_row.expires_at,
                             change_xid = pg_current_xact_id()
             WHERE show_id = v_row.show_id AND seat_id = ANY (v_new);
        END IF;
        RETURN QUERY SELECT v_row.show_id,
            ARRAY(SELECT s.label FROM seats s
                   WHERE s.show_id = v_row.show_id AND s.seat_id = ANY (v_own || coalesce(v_new, '{}')) ORDER BY s.seat_id),
            extract(epoch FROM v_row.created_at)::float8, extract(epoch FROM v_row.expires_at)::float8;
    END $$;
    """
}
