//! The OpenAPI document, as the release server serves it, must be valid OpenAPI (unique
//! operation ids among the rest) so that client generators can use it: openapi-spec-validator
//! (PyPI, pinned in `tests/openapi/requirements.txt`) checks it, and an invalid document fails
//! the run.

use std::path::Path;
use std::process::Command;

use portal_contract::paths;

use crate::install::PYTHON_ENV;
use crate::live::Client;
use crate::{Result, run};

/// Fetches the document from the server behind `client`, keeps it as `dir/openapi.json` (to
/// read when it fails), and validates it.
pub fn validate(root: &Path, client: &Client, dir: &Path) -> Result {
    let mut answer = client.get(paths::OPENAPI, None)?;
    if answer.status() != 200 {
        return Err(format!("{} answered {}", paths::OPENAPI, answer.status()));
    }
    let document = answer
        .body_mut()
        .read_to_string()
        .map_err(|e| format!("{}: {e}", paths::OPENAPI))?;
    let file = dir.join("openapi.json");
    std::fs::write(&file, document).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    run(
        root,
        Command::new(root.join(PYTHON_ENV).join("bin/openapi-spec-validator")).arg(&file),
    )
    .map_err(|_| {
        format!(
            "the OpenAPI document is not valid (openapi-spec-validator's error above): {}",
            file.display()
        )
    })
}
