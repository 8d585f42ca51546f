//! What one bench run measured, as `bench/results.json` holds it: the running half fills it,
//! the reporting half reads it, and a results file written by an earlier run still reads.

use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Results {
    /// When the last part ran, as `2026-12-02 14:35 UTC`.
    pub date: String,
    /// When each part of the bench last ran, and on which commit; each part's figures are from
    /// that run. Empty in results of runs before the bench ran in parts.
    #[serde(skip_serializing_if = "Parts::is_empty")]
    pub parts: Parts,
    /// Cores, CPU model and Chromium version.
    pub machine: String,
    pub customers: u64,
    /// How long generating the customers (and audit entries) took.
    pub seed_seconds: f64,
    pub wrk: WrkSettings,
    /// The API under load on SQLite; the first is the static-file baseline.
    pub scenarios: Vec<Scenario>,
    /// Search in the browser: keystroke to painted result.
    pub keystroke_to_paint_ms: Vec<f64>,
    pub pages: Pages,
    pub audit_export: AuditExport,
    /// Lighthouse's mobile preset on sign-in and Customers; absent when it could not run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lighthouse: Option<Lighthouse>,
    /// SQLite's plans of the list pages' statements (`portal-query-plans`).
    #[serde(default)]
    pub query_plans: Vec<PagePlan>,
    /// The same server on PostgreSQL, same data size, same machine, measured in the same run;
    /// absent in results of runs before it was measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postgres: Option<EngineFigures>,
    /// The mixed soak on SQLite; absent in results of runs before it was measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soak: Option<Soak>,
    /// `bench scale`: both engines at a million customers of one partner and at many partners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<super::scale::Scale>,
}

/// The stamps of the bench's parts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Parts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<Stamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub browser: Option<Stamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<Stamp>,
}

impl Parts {
    fn is_empty(&self) -> bool {
        self.server.is_none() && self.browser.is_none() && self.scale.is_none()
    }
}

/// One part's run: when, on which commit, at which size.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stamp {
    /// As `2026-12-02 14:35 UTC`.
    pub date: String,
    /// The commit measured, short, with ` (uncommitted changes)` when the work tree differed.
    pub commit: String,
    /// Generated customers of the measured partner (the largest, for scale).
    pub customers: u64,
}

/// What one engine's API run measured: the generated data's cost, the requests under load, and
/// the list pages' plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EngineFigures {
    pub seed_seconds: f64,
    pub scenarios: Vec<Scenario>,
    pub query_plans: Vec<PagePlan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soak: Option<Soak>,
}

/// One list page and the plans of the statements that read it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PagePlan {
    pub page: String,
    pub statements: Vec<StatementPlan>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StatementPlan {
    pub summary: String,
    pub plan: Vec<String>,
}

/// `bench/lighthouse.mjs`'s answer: each run's performance score (0–1) and LCP in ms.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lighthouse {
    pub sign_in: Vec<LighthouseRun>,
    pub customers: Vec<LighthouseRun>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LighthouseRun {
    pub score: f64,
    pub lcp: f64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrkSettings {
    pub threads: u32,
    pub connections: u32,
    /// Per run.
    pub seconds: u32,
}

/// One request under load, several wrk runs of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub name: String,
    pub runs: Vec<Load>,
}

/// One wrk run's figures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Load {
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

impl Load {
    /// The precision the results file keeps: wrk prints no finer.
    pub fn rounded(self) -> Load {
        Load {
            rps: round(self.rps, 1),
            p50_ms: round(self.p50_ms, 3),
            p99_ms: round(self.p99_ms, 3),
        }
    }
}

impl Scenario {
    /// Median with min–max of one figure over the runs.
    pub fn spread(&self, figure: fn(&Load) -> f64) -> Option<Spread> {
        Spread::of(&self.runs.iter().map(figure).collect::<Vec<_>>())
    }
}

/// `bench/page-load.mjs`'s answer: samples in ms, memory in bytes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pages {
    pub cold_load: ColdLoad,
    pub memory: Memory,
    pub rows: Rows,
    #[serde(default)]
    pub wire: Wire,
}

/// A first visit's bytes over the wire, as Chromium counted them (encoded, headers included).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Wire {
    /// Customers, signed in as the partner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customers: Option<WireBytes>,
    /// The accept page, signed in as a customer's admin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept: Option<WireBytes>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WireBytes {
    /// The app's files: HTML, JS, wasm (every chunk the page fetched), CSS, config.
    pub app: f64,
    /// The API's answers.
    pub api: f64,
    /// Each app file by path.
    #[serde(default)]
    pub files: std::collections::BTreeMap<String, f64>,
}

/// A new context per run, CPU throttled 4×, ms from navigation start.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColdLoad {
    #[serde(default, deserialize_with = "samples")]
    pub fcp: Vec<f64>,
    #[serde(default, deserialize_with = "samples")]
    pub first_row: Vec<f64>,
    #[serde(default, deserialize_with = "samples")]
    pub lcp: Vec<f64>,
}

/// After 1,000 rows; absent where the browser could not tell.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Memory {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_js_heap: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_wasm: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vanilla_js_heap: Option<f64>,
}

/// 1,000 rows, the app against vanilla JS: in the document, and laid out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rows {
    #[serde(default, deserialize_with = "samples")]
    pub app: Vec<f64>,
    #[serde(default, deserialize_with = "samples")]
    pub app_dom: Vec<f64>,
    #[serde(default, deserialize_with = "samples")]
    pub vanilla: Vec<f64>,
    #[serde(default, deserialize_with = "samples")]
    pub vanilla_dom: Vec<f64>,
    /// The sixth render in the same page (the list sorted the other way, five times before).
    #[serde(default, deserialize_with = "samples")]
    pub app_warm: Vec<f64>,
    #[serde(default, deserialize_with = "samples")]
    pub app_warm_dom: Vec<f64>,
    #[serde(default, deserialize_with = "samples")]
    pub vanilla_warm: Vec<f64>,
    #[serde(default, deserialize_with = "samples")]
    pub vanilla_warm_dom: Vec<f64>,
}

/// The mixed soak on one engine (`soak.rs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Soak {
    pub seconds: u64,
    pub operations: Vec<SoakOperation>,
    /// The first few errors, as the clients saw them.
    pub first_errors: Vec<String>,
    #[serde(rename = "rssStartKiB")]
    pub rss_start_kib: u64,
    /// After the warm-up.
    #[serde(rename = "rssWarmKiB")]
    pub rss_warm_kib: u64,
    #[serde(rename = "rssEndKiB")]
    pub rss_end_kib: u64,
    /// The server's memory by kind at the same three points; absent in results of runs before
    /// it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<SoakMemory>,
}

/// The server's memory at the soak's start, after its warm-up, and at its end, and its heap
/// read every few seconds in between.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SoakMemory {
    pub start: ProcessMemory,
    pub warm: ProcessMemory,
    pub end: ProcessMemory,
    /// `RssAnon` through the run after the warm-up, under load; empty in results of runs
    /// before it was read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub samples: Vec<MemorySample>,
}

/// The heap at one moment of a soak.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MemorySample {
    /// Seconds since the soak started.
    pub second: f64,
    #[serde(rename = "rssAnonKiB")]
    pub rss_anon_kib: u64,
}

impl SoakMemory {
    /// How much the heap rose over the sampled part of the run, in KiB, along the straight line
    /// fitted through the samples (least squares): an allocator that takes pages and gives
    /// them back moves single readings up and down, a leak moves the whole line. `None` with
    /// fewer than three samples.
    pub fn fitted_rise_kib(&self) -> Option<f64> {
        fitted_rise(&self.samples)
    }

    /// The same over the later half of the samples: a heap that rose while caches filled and
    /// then held level rises over the whole run but not over its end.
    pub fn later_half_rise_kib(&self) -> Option<f64> {
        fitted_rise(&self.samples[self.samples.len() / 2..])
    }

    /// The mean heap over the samples, in KiB.
    pub fn mean_sampled_kib(&self) -> Option<f64> {
        (!self.samples.is_empty()).then(|| {
            self.samples
                .iter()
                .map(|s| s.rss_anon_kib as f64)
                .sum::<f64>()
                / self.samples.len() as f64
        })
    }
}

/// The rise of the least-squares line through `samples`, from the first to the last, in KiB.
fn fitted_rise(samples: &[MemorySample]) -> Option<f64> {
    let n = samples.len();
    if n < 3 {
        return None;
    }
    let mean = |f: &dyn Fn(&MemorySample) -> f64| samples.iter().map(f).sum::<f64>() / n as f64;
    let (mx, my) = (mean(&|s| s.second), mean(&|s| s.rss_anon_kib as f64));
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for s in samples {
        let dx = s.second - mx;
        sxy += dx * (s.rss_anon_kib as f64 - my);
        sxx += dx * dx;
    }
    if sxx == 0.0 {
        return None;
    }
    let span = samples[n - 1].second - samples[0].second;
    Some(sxy / sxx * span)
}

/// One reading of `/proc/PID/status`: the resident set, and its anonymous part (the heap:
/// what a leak grows) and file-backed part (mapped files such as SQLite's memory-mapped
/// database, which the kernel may drop and read again) apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ProcessMemory {
    #[serde(rename = "vmRssKiB")]
    pub vm_rss_kib: u64,
    #[serde(rename = "rssAnonKiB")]
    pub rss_anon_kib: u64,
    #[serde(rename = "rssFileKiB")]
    pub rss_file_kib: u64,
}

impl ProcessMemory {
    /// Reads the three figures from the text of `/proc/PID/status`; `None` when one is missing.
    pub fn parse(status: &str) -> Option<ProcessMemory> {
        let kib = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        };
        Some(ProcessMemory {
            vm_rss_kib: kib("VmRSS")?,
            rss_anon_kib: kib("RssAnon")?,
            rss_file_kib: kib("RssFile")?,
        })
    }

    /// Process `pid`'s memory now.
    pub fn of(pid: u32) -> Option<ProcessMemory> {
        ProcessMemory::parse(&std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SoakOperation {
    pub name: String,
    /// Clients running it in closed loops.
    pub clients: u32,
    pub done: u64,
    pub errors: u64,
    pub per_second: f64,
}

/// The audit export at size.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditExport {
    /// Generated entries in the log besides those the run wrote.
    pub entries: u64,
    /// Size of the CSV.
    pub bytes: u64,
    pub first_byte_ms: f64,
    pub total_ms: f64,
    #[serde(rename = "rssBeforeKiB")]
    pub rss_before_kib: u64,
    #[serde(rename = "rssPeakKiB")]
    pub rss_peak_kib: u64,
}

/// A browser sample the page could not take is `null`: left out.
fn samples<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
    let values = Vec::<Option<f64>>::deserialize(d)?;
    Ok(values.into_iter().flatten().collect())
}

/// `value` to `decimals` places, so the results file holds no false precision.
pub fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// Median, min and max of some samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

impl Spread {
    /// `None` for no samples. The median of an even count is the upper middle one.
    pub fn of(values: &[f64]) -> Option<Spread> {
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        Some(Spread {
            median: *v.get(v.len() / 2)?,
            min: *v.first()?,
            max: *v.last()?,
        })
    }
}

/// The 95th percentile (nearest rank, rounded down), `None` for no samples.
pub fn p95(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v.get((v.len() * 95 / 100).min(v.len().checked_sub(1)?))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_committed_results_file() {
        let text = include_str!("../../../bench/results.json");
        let results: Results = serde_json::from_str(text).unwrap();
        assert_eq!(results.customers, 100_000);
        assert_eq!(results.scenarios.len(), 10);
        assert!(results.scenarios.iter().all(|s| s.runs.len() == 3));
        assert!(!results.keystroke_to_paint_ms.is_empty());
        assert!(!results.pages.rows.vanilla_dom.is_empty());
        assert!(results.pages.memory.app_wasm.is_some());
        assert!(results.audit_export.rss_peak_kib >= results.audit_export.rss_before_kib);
        // What it writes reads back the same.
        let again: Results =
            serde_json::from_str(&serde_json::to_string(&results).unwrap()).unwrap();
        assert_eq!(again, results);
    }

    #[test]
    fn keeps_the_names_of_the_results_file() {
        let export = AuditExport {
            entries: 1,
            bytes: 2,
            first_byte_ms: 0.5,
            total_ms: 3.0,
            rss_before_kib: 4,
            rss_peak_kib: 5,
        };
        let json = serde_json::to_string(&export).unwrap();
        assert_eq!(
            json,
            r#"{"entries":1,"bytes":2,"firstByteMs":0.5,"totalMs":3.0,"rssBeforeKiB":4,"rssPeakKiB":5}"#
        );
        let load = Load {
            rps: 1.0,
            p50_ms: 2.0,
            p99_ms: 3.0,
        };
        assert_eq!(
            serde_json::to_string(&load).unwrap(),
            r#"{"rps":1.0,"p50Ms":2.0,"p99Ms":3.0}"#
        );
    }

    #[test]
    fn reads_the_kinds_of_memory_from_proc_status() {
        let status = "Name:\tportal-server\nVmPeak:\t  900000 kB\nVmRSS:\t  607600 kB\nRssAnon:\t   40960 kB\nRssFile:\t  566000 kB\nRssShmem:\t     640 kB\n";
        assert_eq!(
            ProcessMemory::parse(status),
            Some(ProcessMemory {
                vm_rss_kib: 607_600,
                rss_anon_kib: 40_960,
                rss_file_kib: 566_000,
            })
        );
        assert_eq!(ProcessMemory::parse("VmRSS:\t 1 kB\n"), None);
        let me = ProcessMemory::of(std::process::id()).unwrap();
        assert!(
            me.vm_rss_kib >= me.rss_anon_kib && me.rss_anon_kib > 0,
            "{me:?}"
        );
    }

    #[test]
    fn reads_results_of_a_single_part() {
        let results: Results = serde_json::from_str(
            r#"{"parts":{"browser":{"date":"2026-12-03 10:00 UTC","commit":"abc","customers":5}},"keystrokeToPaintMs":[1.5]}"#,
        )
        .unwrap();
        assert_eq!(results.keystroke_to_paint_ms, [1.5]);
        assert!(results.scenarios.is_empty() && results.parts.server.is_none());
        assert_eq!(results.parts.browser.unwrap().customers, 5);
    }

    #[test]
    fn leaves_out_samples_the_browser_could_not_take() {
        let cold: ColdLoad = serde_json::from_str(r#"{"fcp":[1,null,3],"lcp":[2]}"#).unwrap();
        assert_eq!(cold.fcp, [1.0, 3.0]);
        assert_eq!(cold.lcp, [2.0]);
        assert!(cold.first_row.is_empty());
    }

    #[test]
    fn spreads_and_percentiles() {
        assert_eq!(Spread::of(&[]), None);
        assert_eq!(
            Spread::of(&[3.0, 1.0, 2.0, 10.0]),
            Some(Spread {
                median: 3.0,
                min: 1.0,
                max: 10.0
            })
        );
        assert_eq!(p95(&[]), None);
        let hundred: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(p95(&hundred), Some(96.0));
        assert_eq!(p95(&[7.0]), Some(7.0));
    }

    #[test]
    fn rounds_to_the_kept_precision() {
        let load = Load {
            rps: 24000.54,
            p50_ms: 0.580_000_1,
            p99_ms: 1.5,
        }
        .rounded();
        assert_eq!(
            serde_json::to_string(&load).unwrap(),
            r#"{"rps":24000.5,"p50Ms":0.58,"p99Ms":1.5}"#
        );
    }
}
