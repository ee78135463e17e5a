/// A corrected payment (`modex paid`) is recorded, not just overwritten: what the sale was
/// recorded as before, what it became, who changed it and when. Recording a cash sale as card
/// would otherwise let the cash leave the drawer with cashing up none the wiser.
enum Schema0012 {
    static let paymentCorrections = """
    CREATE TABLE payment_corrections (
        show_id      bigint NOT NULL,
        booking_id   bigint NOT NULL,
        paid_before  text CHECK (paid_before IN ('cash', 'card')),
        paid_after   text NOT NULL CHECK (paid_after IN ('cash', 'card')),
        corrected_by text NOT NULL,
        corrected_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (show_id, booking_id) REFERENCES bookings ON DELETE CASCADE
    );
    CREATE INDEX payment_corrections_of_booking ON payment_corrections (show_id, booking_id);
    """
}
