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

            # A shared option's value as evlog gets it: bash keeps the quotes and backslashes typed (`"/tmp/a b"`, `a\\ b`).
            __evlog_unquoted() {
                local value="$1"
                case "$value" in
                    \\"*\\"|\\'*\\') value="${value:1:${#value}-2}" ;;
                    *) value="${value//\\\\ / }" ;;
                esac
                printf '%s' "$value"
            }

            # evlog takes its shared options before the subcommand too (`evlog --home DIR status p-…`): they are moved
            # behind the subcommand, before the cursor, and the generated completion runs on that. Bash splits
            # `--home=DIR` at `=` (COMP_WORDBREAKS): the three words are joined again first, and values unquoted.
            _evlog() {
                local -a words=() leading=()
                local -i i=0 cword=$COMP_CWORD
                while (( i < ${#COMP_WORDS[@]} )); do
                    local word="${COMP_WORDS[i]}"
                    case "$word" in
                        \(withValue))
                            if [[ "${COMP_WORDS[i+1]}" == "=" ]]; then
                                (( i + 2 < COMP_CWORD )) || { words+=("$word"); i+=1; continue; }
                                words+=("$word=$(__evlog_unquoted "${COMP_WORDS[i+2]}")"); i+=3; cword=cword-2; continue
                            fi
                            words+=("$word")
                            if (( i + 1 < COMP_CWORD )); then words+=("$(__evlog_unquoted "${COMP_WORDS[i+1]}")"); i+=2; continue; fi
                            i+=1; continue ;;
                    esac
                    words+=("$word"); i+=1
                done
                i=1
                while (( i < cword )); do
                    case "${words[i]}" in
                        \(withValue)) (( i + 1 < cword )) || break; leading+=("${words[i]}" "${words[i+1]}"); i+=2 ;;
                        \(flags)|\(joined)) leading+=("${words[i]}"); i+=1 ;;
                        *) break ;;
                    esac
                done
                if (( ${#leading[@]} > 0 && i < cword )) && [[ "${words[i]}" != -* ]]; then
                    words=("${words[0]}" "${words[i]}" "${leading[@]}" "${words[@]:i+1}")
                fi
                local -a COMP_WORDS=("${words[@]}")
                local COMP_CWORD=$cword
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
