//! The release build: the app into `dist/` with Trunk (wasm-opt included), every text asset
//! precompressed as `.br` and `.gz` for the server to send as is, and the release server.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::{Result, cargo, run};

pub fn all(root: &Path) -> Result {
    // Trunk runs offline: everything it builds must already be in cargo's cache.
    run(root, cargo().args(["fetch", "--locked"]))?;
    run(
        root,
        Command::new("trunk").args(["build", "--release", "--locked"]),
    )?;
    precompress(&root.join("dist"))?;
    run(
        root,
        cargo().args([
            "build",
            "--release",
            "--locked",
            "--package",
            "portal-server",
        ]),
    )
}

/// Writes `name.br` (quality 11) and `name.gz` (level 9) beside every compressible file.
pub fn precompress(dist: &Path) -> Result {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("cannot read dist/: {e}"))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "js" | "wasm" | "css" | "json" | "svg") {
            continue;
        }
        let data = std::fs::read(&path).map_err(|e| e.to_string())?;
        let mut br = Vec::new();
        {
            let params = brotli::enc::BrotliEncoderParams {
                quality: 11,
                lgwin: 22,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &data[..], &mut br, &params).map_err(|e| e.to_string())?;
        }
        std::fs::write(format!("{}.br", path.display()), &br).map_err(|e| e.to_string())?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&data).map_err(|e| e.to_string())?;
        let gz = gz.finish().map_err(|e| e.to_string())?;
        std::fs::write(format!("{}.gz", path.display()), &gz).map_err(|e| e.to_string())?;
    }
    Ok(())
}
