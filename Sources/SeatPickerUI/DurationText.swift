/// A duration as the help and the messages say it: "2 minutes", "1 minute", "90 seconds".
func durationText(_ seconds: Double) -> String {
    let whole = Int(seconds.rounded())
    if whole % 60 == 0 { return whole == 60 ? "1 minute" : "\(whole / 60) minutes" }
    return whole == 1 ? "1 second" : "\(whole) seconds"
}
