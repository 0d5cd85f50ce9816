/// The `curl` command of every fetch a step makes (release assets, checksum files, installer scripts, signing keys):
/// a redirect is followed only to https (`--proto-redir =https`), so one to plain `http://` or `ftp://` of any host
/// is refused rather than fetched in clear text (trust20 #6). The URL itself passed the URL grammar where it was
/// read (https, plain http only to this machine: at load and at import); what it redirects to had no such check.
enum FetchCommand {
    /// `curl OPTIONS --proto-redir =https URL`.
    static func curl(_ options: [String], url: String) -> [String] {
        ["curl"] + options + ["--proto-redir", "=https", url]
    }
}
