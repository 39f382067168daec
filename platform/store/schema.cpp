#include "store/schema.hpp"

#include <array>

namespace tc::platform {
namespace {

// Times are milliseconds since the Unix epoch ({int}); names are checked by the code
// (identity/names.hpp) before they reach the database, the constraints here are the last line.
constexpr std::string_view kIdentity = R"sql(
CREATE TABLE tenants (
  id {serial},
  name TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  created_ms {int} NOT NULL
);
CREATE TABLE users (
  id {serial},
  tenant_id {int} NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('operator', 'owner', 'tenant')),
  created_ms {int} NOT NULL
);
CREATE TABLE tokens (
  id {serial},
  user_id {int} NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  secret_sha256 TEXT NOT NULL UNIQUE,
  created_ms {int} NOT NULL,
  revoked_ms {int}
);
CREATE INDEX tokens_by_user ON tokens(user_id);
CREATE TABLE audit (
  id {serial},
  at_ms {int} NOT NULL,
  actor TEXT NOT NULL,
  tenant_id {int},
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_by_time ON audit(at_ms);
)sql";

// The fleet and what runs on it. JSON columns hold documents the platform only stores and shows
// (a device's info, what its gateway last pushed); anything queried has a column of its own.
constexpr std::string_view kFleet = R"sql(
CREATE TABLE gateways (
  id {serial},
  name TEXT NOT NULL UNIQUE,
  owner_tenant_id {int} NOT NULL REFERENCES tenants(id),
  token_sha256 TEXT NOT NULL UNIQUE,
  created_ms {int} NOT NULL,
  last_seen_ms {int},
  revoked_ms {int}
);
CREATE TABLE devices (
  id {serial},
  name TEXT NOT NULL UNIQUE,
  gateway_id {int} NOT NULL REFERENCES gateways(id),
  owner_tenant_id {int} NOT NULL REFERENCES tenants(id),
  online {int} NOT NULL DEFAULT 0,
  address TEXT NOT NULL DEFAULT '',
  first_seen_ms {int} NOT NULL,
  last_seen_ms {int} NOT NULL,
  info TEXT NOT NULL DEFAULT '{}',
  containers TEXT NOT NULL DEFAULT '[]',
  sync TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE device_labels (
  device_id {int} NOT NULL REFERENCES devices(id),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (device_id, key)
);
CREATE TABLE grants (
  id {serial},
  owner_tenant_id {int} NOT NULL REFERENCES tenants(id),
  tenant_id {int} NOT NULL REFERENCES tenants(id),
  document TEXT NOT NULL,
  valid_from_ms {int} NOT NULL,
  valid_until_ms {int},
  revoked_ms {int},
  created_ms {int} NOT NULL
);
CREATE INDEX grants_by_tenant ON grants(tenant_id);
CREATE TABLE images (
  id {serial},
  tenant_id {int} NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  version {int} NOT NULL,
  code {bytes} NOT NULL,
  manifest TEXT NOT NULL,
  created_ms {int} NOT NULL,
  UNIQUE (tenant_id, name, version)
);
CREATE TABLE envelopes (
  sha256 TEXT PRIMARY KEY,
  bytes {bytes} NOT NULL,
  created_ms {int} NOT NULL
);
CREATE TABLE deployments (
  id {serial},
  tenant_id {int} NOT NULL REFERENCES tenants(id),
  image_id {int} NOT NULL REFERENCES images(id),
  container TEXT NOT NULL,
  sequence {int} NOT NULL,
  selector TEXT NOT NULL,
  batch_size {int} NOT NULL,
  max_failures {int} NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('rolling', 'done', 'stopped', 'cancelled')),
  created_ms {int} NOT NULL,
  updated_ms {int} NOT NULL
);
CREATE TABLE deployment_devices (
  deployment_id {int} NOT NULL REFERENCES deployments(id),
  device_id {int} NOT NULL REFERENCES devices(id),
  batch {int} NOT NULL,
  status TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  envelope_sha256 TEXT REFERENCES envelopes(sha256),
  updated_ms {int} NOT NULL,
  PRIMARY KEY (deployment_id, device_id)
);
CREATE TABLE desired (
  device_id {int} NOT NULL REFERENCES devices(id),
  container TEXT NOT NULL,
  sequence {int} NOT NULL,
  envelope_sha256 TEXT NOT NULL REFERENCES envelopes(sha256),
  run_state TEXT NOT NULL CHECK (run_state IN ('running', 'stopped')),
  deployment_id {int} REFERENCES deployments(id),
  PRIMARY KEY (device_id, container)
);
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value {int} NOT NULL
);
CREATE TABLE events (
  id {serial},
  gateway_id {int} NOT NULL REFERENCES gateways(id),
  item_id {int} NOT NULL,
  device TEXT NOT NULL,
  tenant_id {int},
  type TEXT NOT NULL,
  at_ms {int} NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (gateway_id, item_id)
);
CREATE INDEX events_by_time ON events(at_ms);
CREATE INDEX events_by_device ON events(device, at_ms);
CREATE TABLE usage (
  id {serial},
  gateway_id {int} NOT NULL REFERENCES gateways(id),
  item_id {int} NOT NULL,
  device TEXT NOT NULL,
  tenant_id {int},
  container TEXT NOT NULL,
  from_ms {int} NOT NULL,
  to_ms {int} NOT NULL,
  activations {int} NOT NULL,
  instructions {int} NOT NULL,
  cpu_us {int} NOT NULL,
  endpoint_calls {int} NOT NULL,
  bytes_read {int} NOT NULL,
  bytes_written {int} NOT NULL,
  energy_uj {int} NOT NULL,
  UNIQUE (gateway_id, item_id)
);
CREATE INDEX usage_by_tenant ON usage(tenant_id, to_ms);
)sql";

// The platform link's server side (docs/api/platform-link.md): a device the platform manages
// with no desired container at all (its gateway then removes everything), and the tenant name
// of a usage record as the gateway sent it, kept even when no tenant of that name exists.
constexpr std::string_view kLink = R"sql(
ALTER TABLE devices ADD COLUMN managed {int} NOT NULL DEFAULT 0;
ALTER TABLE usage ADD COLUMN tenant TEXT NOT NULL DEFAULT '';
CREATE INDEX devices_by_gateway ON devices(gateway_id);
CREATE INDEX usage_by_device ON usage(device, to_ms);
)sql";

constexpr std::array<sql::Migration, 3> kSteps{{
    {1, "tenants, users, tokens, audit", kIdentity},
    {2, "gateways, devices, grants, images, deployments, desired state, events, usage", kFleet},
    {3, "managed devices, usage tenant names", kLink},
}};

}  // namespace

std::span<const sql::Migration> schema_steps() {
  return kSteps;
}

}  // namespace tc::platform
