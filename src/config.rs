//! Run-time configuration: `config.json` next to `index.html` says where the API is, so one
//! static build serves any deployment. Missing or unreadable, the app uses its own origin.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppConfig {
    /// Origin of the API, e.g. `https://api.partner.example`; empty for the app's own origin.
    #[serde(default)]
    pub api_base: String,
}

impl AppConfig {
    /// Parses `config.json`, keeping only a usable origin: `http(s)://host[:port]` without a
    /// trailing slash, or empty.
    pub fn parse(json: &str) -> Result<AppConfig, String> {
        let mut c: AppConfig = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let base = c.api_base.trim().trim_end_matches('/').to_owned();
        if !(base.is_empty() || base.starts_with("https://") || base.starts_with("http://")) {
            return Err(format!(
                "apiBase must be empty or start with http(s)://, not {base:?}"
            ));
        }
        c.api_base = base;
        Ok(c)
    }
}

/// Where the configuration is, beside `index.html`.
const PATH: &str = "/config.json";

/// Fetches `/config.json` (or takes the page's early answer, `prefetched`); on any failure
/// logs a warning and falls back to the default.
pub async fn load() -> AppConfig {
    let result = async {
        let response = match crate::prefetched::take(PATH).await {
            Some(answer) => answer.map_err(|()| "no answer".to_owned())?,
            None => gloo_net::http::Request::get(PATH)
                .send()
                .await
                .map_err(|e| e.to_string())?,
        };
        if !response.ok() {
            return Err(format!("HTTP {}", response.status()));
        }
        AppConfig::parse(&response.text().await.map_err(|e| e.to_string())?)
    }
    .await;
    result.unwrap_or_else(|e| {
        leptos::logging::warn!("config.json not used ({e}); talking to this origin");
        AppConfig::default()
    })
}

#[cfg(test)]
mod tests {
    use super::AppConfig;

    #[test]
    fn keeps_an_origin_without_trailing_slash() {
        let c = AppConfig::parse(r#"{"apiBase":"https://api.example.hu/"}"#).unwrap();
        assert_eq!(c.api_base, "https://api.example.hu");
        assert_eq!(AppConfig::parse("{}").unwrap().api_base, "");
    }

    #[test]
    fn refuses_what_is_not_an_origin() {
        assert!(AppConfig::parse(r#"{"apiBase":"javascript:alert(1)"}"#).is_err());
        assert!(AppConfig::parse("not json").is_err());
    }
}
