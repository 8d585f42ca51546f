//! Running the server in production: health checks, metrics, logs, shutdown, throttles shared
//! through the database, instances sharing one database, trusted proxies, and backups.

mod backup;
mod health;
mod instances;
mod metrics;
mod process;
mod proxies;
mod shutdown;
mod throttles;
