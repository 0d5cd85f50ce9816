/// More services' token prefixes for `SecretScan.tokenPrefixes` (one rule: a known prefix and a long body
/// of the bytes its tokens are made of). The body is redacted, the prefix stays, to say what leaked.
extension SecretScan {
    static let serviceTokenPrefixes: [TokenPrefix] = [
        // Databricks, Postman, New Relic, Tailscale, Sentry.
        TokenPrefix("dapi", .hex, min: 32), TokenPrefix("PMAK-", .dashed, min: 40), TokenPrefix("NRAK-", .upperOrDigit, min: 27),
        TokenPrefix("NRII-", .dashed, min: 20), TokenPrefix("NRJS-", .hex, min: 19), TokenPrefix("tskey-", .dashed, min: 24),
        TokenPrefix("sntrys_", .base64, min: 40), TokenPrefix("sntryu_", .hex, min: 32),
        // GitLab's other token kinds (CI job, deploy, trigger, service account, OAuth application, feed, agent).
        TokenPrefix("glcbt-", .dashed, min: 16), TokenPrefix("glsoat-", .dashed, min: 16), TokenPrefix("gloas-", .dashed, min: 16),
        TokenPrefix("glft-", .dashed, min: 16), TokenPrefix("glagent-", .dashed, min: 16), TokenPrefix("glimt-", .dashed, min: 16),
        // Slack app tokens, Heroku, Doppler (`dp.st.…`, `dp.pt.…`), Linear, Shopify, Atlassian.
        TokenPrefix("xapp-", .dashed, min: 10), TokenPrefix("HRKU-", .dashed, min: 30), TokenPrefix("dp.", .dotted, min: 40),
        TokenPrefix("lin_api_", .alphanumeric, min: 32), TokenPrefix("lin_oauth_", .alphanumeric, min: 32),
        TokenPrefix("shpss_", .alphanumeric, min: 20), TokenPrefix("shpca_", .alphanumeric, min: 20), TokenPrefix("shppa_", .alphanumeric, min: 20),
        TokenPrefix("ATATT", .base64, min: 40),
        // Grafana Cloud, Pulumi, Fly.io, DigitalOcean OAuth and refresh tokens, Twilio API keys.
        TokenPrefix("glc_", .base64, min: 32), TokenPrefix("pul-", .hex, min: 40), TokenPrefix("fo1_", .dashed, min: 30),
        TokenPrefix("doo_v1_", .hex, min: 40), TokenPrefix("dor_v1_", .hex, min: 40), TokenPrefix("SK", .hex, min: 32, exact: true),
    ]
}
