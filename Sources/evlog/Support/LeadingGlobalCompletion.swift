/// The bash completion script with `evlog --home DIR <subcommand> …` understood: the generated `_evlog` knows
/// the shared options only behind the subcommand, so a wrapper moves those typed before it behind it (as
/// `LeadingGlobalOptions` does for a run) and then completes as the generated function does.
enum LeadingGlobalCompletion {
    /// `script` (ArgumentParser's bash script) with its `_evlog` renamed and the wrapper in its place.
    static func bash(_ script: String) -> String {
        let flags = LeadingGlobalOptions.flags.sorted().joined(separator: "|")
        let valued = LeadingGlobalOptions.valued.sorted()
        let withValue = valued.joined(separator: "|")
        let joined = valued.map { $0 + "=*" }.joined(separator: "|")
        let wrapper = """

            # evlog takes its shared options before the subcommand too (`evlog --home DIR status p-…`): they are moved
            # behind the subcommand, before the cursor, and the generated completion runs on that.
            _evlog() {
                local -a words=("${COMP_WORDS[@]}") leading=()
                local -i i=1
                while (( i < COMP_CWORD )); do
                    case "${words[i]}" in
                        \(withValue)) (( i + 1 < COMP_CWORD )) || break; leading+=("${words[i]}" "${words[i+1]}"); i+=2 ;;
                        \(flags)|\(joined)) leading+=("${words[i]}"); i+=1 ;;
                        *) break ;;
                    esac
                done
                if (( ${#leading[@]} > 0 && i < COMP_CWORD )) && [[ "${words[i]}" != -* ]]; then
                    local -a COMP_WORDS=("${words[0]}" "${words[i]}" "${leading[@]}" "${words[@]:i+1}")
                fi
                __evlog_after_leading_options "$@"
            }

            """
        guard let definition = script.range(of: "\n_evlog() {") else { return script }
        var renamed = script
        renamed.replaceSubrange(definition, with: "\n__evlog_after_leading_options() {")
        guard let registration = renamed.range(of: "\ncomplete ", options: .backwards) else { return renamed + wrapper }
        renamed.insert(contentsOf: wrapper, at: registration.lowerBound)
        return renamed
    }
}
