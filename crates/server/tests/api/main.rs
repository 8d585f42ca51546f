//! API tests: the real server on port 0, each test with a database of its own.

mod helpers;

mod acceptance;
mod after_relationship;
mod auth;
mod customers;
mod errors;
mod gdap;
mod gdap_lifecycle;
mod invitations;
mod oidc;
mod openapi;
mod operations;
mod rules;
mod static_files;
