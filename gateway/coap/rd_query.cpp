#include "coap/rd_query.hpp"

#include <array>

#include "coap/decimal.hpp"

namespace tc::gw {
namespace {

struct Parameter {
  std::string_view name;
  std::string_view value;
  bool has_value = false;
};

Parameter split_parameter(std::string_view option) {
  const std::size_t equals = option.find('=');
  if (equals == std::string_view::npos) return {option, {}, false};
  return {option.substr(0, equals), option.substr(equals + 1), true};
}

std::optional<uint32_t> parse_lifetime(std::string_view digits) {
  const std::optional<uint64_t> value = parse_decimal(digits, UINT32_MAX);
  if (!value || *value == 0) return std::nullopt;
  return static_cast<uint32_t>(*value);
}

std::string shown(std::string_view text) {
  constexpr std::size_t kShown = 40;
  std::string out;
  for (const char c : text.substr(0, kShown)) {
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  return text.size() > kShown ? out + "..." : out;
}

// The parameters both requests understand; the registration adds ep and d.
struct CommonFields {
  std::optional<uint32_t> lifetime;
  std::optional<IpEndpoint> base;
  std::optional<std::string_view> endpoint;
  std::optional<std::string_view> sector;
};

enum class Field : uint8_t { ep, d, lt, base };
constexpr std::size_t kFields = 4;

std::optional<Field> field_named(std::string_view name) {
  if (name == "ep") return Field::ep;
  if (name == "d") return Field::d;
  if (name == "lt") return Field::lt;
  if (name == "base") return Field::base;
  return std::nullopt;  // an endpoint attribute this directory does not use
}

// Validates one parameter into `fields`: "" or what is wrong with it.
std::string parse_field(Field field, const Parameter& p, CommonFields& fields) {
  switch (field) {
    case Field::ep:
    case Field::d:
      if (!is_valid_endpoint_name(p.value)) {
        return "'" + std::string(p.name) + "' must be 1 to " + std::to_string(kMaxEndpointName) +
               " characters of A-Z a-z 0-9 . _ - (got \"" + shown(p.value) + "\")";
      }
      (field == Field::ep ? fields.endpoint : fields.sector) = p.value;
      return {};
    case Field::lt:
      fields.lifetime = parse_lifetime(p.value);
      if (fields.lifetime) return {};
      return "'lt' must be a number of seconds from 1 to 4294967295 (got \"" + shown(p.value) +
             "\")";
    case Field::base:
      break;
  }
  const IpEndpointParse base = parse_coap_uri(p.value);
  if (!base.endpoint) return "'base' " + base.error;
  fields.base = base.endpoint;
  return {};
}

// Parses every option into `fields`; `allow_names` says whether ep and d may appear.
std::string parse_fields(std::span<const std::string_view> options, bool allow_names,
                         CommonFields& fields) {
  if (options.size() > kMaxQueryParameters) {
    return "more than " + std::to_string(kMaxQueryParameters) + " query parameters";
  }
  std::array<bool, kFields> seen{};
  for (const std::string_view option : options) {
    const Parameter p = split_parameter(option);
    const std::optional<Field> field = field_named(p.name);
    if (!field) continue;
    bool& given = seen[static_cast<std::size_t>(*field)];
    if (given) return "query parameter '" + std::string(p.name) + "' is given twice";
    given = true;
    if ((*field == Field::ep || *field == Field::d) && !allow_names) {
      return "'" + std::string(p.name) +
             "' cannot change in a registration update (RFC 9176 5.3.1): register again";
    }
    if (!p.has_value) return "query parameter '" + std::string(p.name) + "' needs a value";
    if (std::string error = parse_field(*field, p, fields); !error.empty()) return error;
  }
  return {};
}

}  // namespace

bool is_valid_endpoint_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxEndpointName) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

QueryParse<RegistrationQuery> parse_registration_query(std::span<const std::string_view> options) {
  QueryParse<RegistrationQuery> out;
  CommonFields fields;
  out.error = parse_fields(options, true, fields);
  if (!out.error.empty()) return out;
  if (!fields.endpoint) {
    out.error = "the endpoint name is missing: POST /rd?ep=NAME (RFC 9176 5.3)";
    return out;
  }
  RegistrationQuery query;
  query.endpoint = std::string(*fields.endpoint);
  query.sector = std::string(fields.sector.value_or(std::string_view{}));
  query.lifetime = fields.lifetime;
  query.base = fields.base;
  out.value = std::move(query);
  return out;
}

QueryParse<UpdateQuery> parse_update_query(std::span<const std::string_view> options) {
  QueryParse<UpdateQuery> out;
  CommonFields fields;
  out.error = parse_fields(options, false, fields);
  if (!out.error.empty()) return out;
  out.value = UpdateQuery{fields.lifetime, fields.base};
  return out;
}

}  // namespace tc::gw
