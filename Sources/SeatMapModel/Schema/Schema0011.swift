/// A customer can give back some of a booking's seats and keep the rest (one of four tickets,
/// say). The seats given back move to a new booking, cancelled at once, that records which
/// booking they came from (`returned_from`), who took them back and when, and keeps the
/// original sale's time, operator and payment. So the day's sales still count every seat sold
/// on the day it was sold, the refund counts on the day of the return, and the booking the
/// customer keeps holds only the seats they still have.
///
/// `modex_return_seats` gives back the seats labelled `p_labels` of a confirmed booking and
/// returns the booking that now records them. Given every seat, it cancels the booking itself.
enum Schema0011 {
    static let partialReturns = """
    ALTER TABLE bookings ADD COLUMN returned_from bigint;

    CREATE FUNCTION modex_return_seats(p_booking bigint, p_labels text[], p_operator text)
    RETURNS TABLE (show_id bigint, returned_booking bigint) LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    #variable_conflict use_column
    DECLARE v_lock record; v_row bookings; v_ids int[]; v_return int[]; v_missing text[]; v_new bigint;
    BEGIN
        IF coalesce(cardinality(p_labels), 0) = 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'MX422', MESSAGE = 'Name the seats to give back';
        END IF;
        SELECT * INTO v_lock FROM modex_lock_booking(p_booking);
        v_row := v_lock.booking;
        IF v_row.status <> 'CONFIRMED' THEN
            PERFORM modex_state_error(v_row, 'cancel');
        END IF;
        -- The seat ids again, now that the booking is locked: a return that committed while this
        -- one waited for the lock took some. A booking's seats only ever shrink, so every one of
        -- them is among those modex_lock_booking locked.
        SELECT coalesce(array_agg(l.seat_id ORDER BY l.seat_id), '{}') INTO v_ids
          FROM booking_seats l WHERE l.show_id = v_row.show_id AND l.booking_id = p_booking;
        SELECT array_agg(s.seat_id ORDER BY s.seat_id) INTO v_return
          FROM seats s WHERE s.show_id = v_row.show_id AND s.seat_id = ANY (v_ids) AND s.label = ANY (p_labels);
        SELECT array_agg(l ORDER BY l) INTO v_missing
          FROM unnest(p_labels) l
         WHERE NOT EXISTS (SELECT 1 FROM seats s WHERE s.show_id = v_row.show_id AND s.seat_id = ANY (v_ids) AND s.label = l);
        IF v_missing IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'MX409', MESSAGE = format('Booking %s has no seat %s (its seats: %s)',
                p_booking, array_to_string(v_missing, ' '),
                (SELECT string_agg(s.label, ' ' ORDER BY s.seat_id) FROM seats s
                  WHERE s.show_id = v_row.show_id AND s.seat_id = ANY (v_ids)));
        END IF;
        IF cardinality(v_return) = cardinality(v_ids) THEN
            UPDATE bookings SET status = 'CANCELLED', ended_at = now(), ended_by = p_operator
             WHERE show_id = v_row.show_id AND booking_id = p_booking;
            v_new := p_booking;
        ELSE
            INSERT INTO bookings (show_id, email, status, operator, created_at, expires_at, confirmed_at,
                                  ended_at, ended_by, paid_by, returned_from)
            VALUES (v_row.show_id, v_row.email, 'CANCELLED', v_row.operator, v_row.created_at, v_row.expires_at,
                    v_row.confirmed_at, now(), p_operator, v_row.paid_by, p_booking)
            RETURNING booking_id INTO v_new;
            UPDATE booking_seats SET booking_id = v_new, booking_status = 'CANCELLED'
             WHERE show_id = v_row.show_id AND booking_id = p_booking AND seat_id = ANY (v_return);
        END IF;
        UPDATE seats SET status = 'AVAILABLE', booking_id = NULL, hold_expires_at = NULL, change_xid = pg_current_xact_id()
         WHERE show_id = v_row.show_id AND seat_id = ANY (v_return) AND booking_id = p_booking;
        RETURN QUERY SELECT v_row.show_id, v_new;
    END $$;
    """
}
