/// Where dpkg and apt keep what evlog reads of them (the package set, and apt's own account of its transactions):
/// named once, for the executors that read them and for a reproduction's simulated machine that writes them.
public enum AptFiles {
    /// dpkg's state of every package.
    public static let dpkgStatus = "/var/lib/dpkg/status"
    /// apt's history (its `Dir::Log::History` default).
    public static let history = "/var/log/apt/history.log"
}
