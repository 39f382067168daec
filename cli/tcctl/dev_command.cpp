// tcctl dev: talk to one device over CoAP (docs/protocol.md, docs/tcctl.md).
//   tcctl dev -d coap://HOST[:PORT] [-o table|json] [--timeout S] COMMAND ...
//   info | ps | status NAME | start|stop|restart|rm NAME | logs NAME [--follow] | stats
//   events [--follow] [--from SEQ] | install ENVELOPE.suit | install IMAGE.tcx MANIFEST.json
//   --insecure
// Exit codes: 0 success, 1 usage or local error, 2 the device answered an error,
// 3 the device is unreachable or did not answer in time.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "dev/cbor_json.hpp"
#include "dev/device_client.hpp"
#include "dev/device_uri.hpp"
#include "dev/install_body.hpp"
#include "image/image.hpp"
#include "tcctl/command_error.hpp"
#include "tcctl/commands.hpp"
#include "tcctl/file_io.hpp"

namespace tc::cli {
namespace {

using dev::Json;

constexpr int kExitLocal = 1;
constexpr int kExitDevice = 2;
constexpr int kExitUnreachable = 3;

struct DevArgs {
  std::string device;
  std::string format = "table";
  double timeout_s = 5.0;
  bool verbose = false;
};

[[noreturn]] void exit_with(int code) {
  throw CLI::RuntimeError(code);
}

[[noreturn]] void local_error(const std::string& message) {
  fail("dev", kExitLocal, message);
}

// ---- output helpers

std::string show(const Json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return v.dump();
}

std::string field(const Json& object, const char* key) {
  if (!object.is_object()) return "-";
  const auto it = object.find(key);
  return it == object.end() ? "-" : show(*it);
}

void print_table(const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size());
  for (std::size_t i = 0; i < header.size(); ++i)
    width[i] = header[i].size();
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], row[i].size());
  }
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      text += cells[i];
      if (i + 1 < cells.size()) text += std::string(width[i] - cells[i].size() + 2, ' ');
    }
    std::printf("%s\n", text.c_str());
  };
  line(header);
  for (const auto& row : rows)
    line(row);
}

// "key  value" lines, keys aligned.
void print_pairs(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::size_t width = 0;
  for (const auto& [k, v] : pairs)
    width = std::max(width, k.size());
  for (const auto& [k, v] : pairs)
    std::printf("%-*s  %s\n", static_cast<int>(width), k.c_str(), v.c_str());
}

// {"a": 1, "b": 2} -> "a 1, b 2"; "none" when empty or absent.
std::string counts(const Json& object) {
  if (!object.is_object() || object.empty()) return "none";
  std::string text;
  for (const auto& [k, v] : object.items()) {
    if (!text.empty()) text += ", ";
    text += k + " " + show(v);
  }
  return text;
}

// Nested maps flattened to dotted keys, for stats.
void flatten(const Json& v, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& out) {
  if (v.is_object() && !v.empty()) {
    for (const auto& [k, child] : v.items()) {
      std::string key = prefix;
      if (!key.empty()) key += '.';
      flatten(child, key += k, out);
    }
  } else {
    out.emplace_back(prefix.empty() ? "value" : prefix, show(v));
  }
}

// ---- talking to the device

class Device {
 public:
  explicit Device(const DevArgs& args) : json_(args.format == "json") {
    if (args.device.empty())
      local_error("the device is required: -d coap://HOST[:PORT] (default port 5683)");
    dev::UriResult uri = dev::parse_device_uri(args.device);
    if (!uri.uri) local_error(uri.error);
    if (!(args.timeout_s > 0)) local_error("--timeout must be positive");
    const dev::ClientOptions options{
        .timeout = std::chrono::milliseconds(static_cast<long long>(args.timeout_s * 1000.0)),
        .verbose = args.verbose};
    client_ = std::make_unique<dev::DeviceClient>(*uri.uri, options);
  }

  [[nodiscard]] bool json() const { return json_; }
  [[nodiscard]] dev::DeviceClient& client() { return *client_; }

  // The answer's payload as JSON, or exits: 3 for no answer, 2 for an error answer.
  Json expect(const dev::Outcome& o) {
    if (!o.ok()) {
      std::fprintf(stderr, "tcctl dev: %s\n", o.message.c_str());
      exit_with(o.failure == dev::Failure::local ? kExitLocal : kExitUnreachable);
    }
    Json body = decode(o.reply);
    if (!o.reply.success()) {
      const std::string text =
          body.is_object() && body.contains("error") ? show(body["error"]) : show(body);
      // A refused SUIT envelope also names its reason as a stable token ("bad_signature").
      const std::string reason = field(body, "reason");
      std::fprintf(stderr, "tcctl dev: device answered %s: %s%s\n", o.reply.code_text().c_str(),
                   text.c_str(), reason == "-" ? "" : (" (reason: " + reason + ")").c_str());
      if (json_) {
        Json out = {{"code", o.reply.code_text().substr(0, 4)}, {"error", text}};
        if (reason != "-") out["reason"] = reason;
        std::printf("%s\n", out.dump(2).c_str());
      }
      exit_with(kExitDevice);
    }
    return body;
  }

  Json get(std::string_view path, std::vector<std::string> query = {}) {
    return expect(client_->get({.path = path, .query = std::move(query)}));
  }

  // The payload as JSON: CBOR decoded, text kept as a string, nothing as null.
  static Json decode(const dev::Reply& reply) {
    if (reply.payload.empty()) return nullptr;
    if (!reply.content_format || *reply.content_format == dev::kFormatCbor) {
      dev::JsonResult r = dev::cbor_to_json(reply.payload);
      if (r.value) return std::move(*r.value);
      if (reply.content_format) {
        std::fprintf(stderr, "tcctl dev: the device sent malformed CBOR: %s\n", r.error.c_str());
        exit_with(kExitDevice);
      }
    }
    return std::string(reply.payload.begin(), reply.payload.end());
  }

  void print_json(const Json& v) const { std::printf("%s\n", v.dump(2).c_str()); }

 private:
  bool json_;
  std::unique_ptr<dev::DeviceClient> client_;
};

// ---- commands

void run_info(const DevArgs& args) {
  Device d(args);
  const Json info = d.get("/dev");
  const Json resources = d.get("/dev/resources");
  if (d.json()) {
    d.print_json({{"device", info}, {"resources", resources}});
    return;
  }
  std::string uptime = "-";
  if (info.contains("uptime_ms") && info["uptime_ms"].is_number()) {
    std::array<char, 32> text{};
    std::snprintf(text.data(), text.size(), "%.1f s", info["uptime_ms"].get<double>() / 1000.0);
    uptime = text.data();
  }
  print_pairs({{"device", field(info, "id")},
               {"model", field(info, "model")},
               {"firmware", field(info, "firmware")},
               {"uptime", uptime},
               {"containers", field(info, "containers") + " of " + field(info, "capacity")},
               {"pool", field(info, "pool_bytes") + " bytes"},
               {"insecure", field(info, "insecure")}});
  std::vector<std::vector<std::string>> rows;
  if (resources.is_array()) {
    for (const Json& r : resources) {
      std::string range = "-";
      if (r.contains("min") || r.contains("max")) range = field(r, "min") + ".." + field(r, "max");
      rows.push_back({field(r, "name"), field(r, "kind"), field(r, "type"), range, field(r, "unit"),
                      field(r, "access"), field(r, "energy_uj")});
    }
  }
  std::printf("\n");
  print_table({"RESOURCE", "KIND", "TYPE", "RANGE", "UNIT", "ACCESS", "ENERGY_UJ"}, rows);
}

void run_ps(const DevArgs& args) {
  Device d(args);
  const Json list = d.get("/c");
  if (d.json()) {
    d.print_json(list);
    return;
  }
  std::vector<std::vector<std::string>> rows;
  if (list.is_array()) {
    for (const Json& c : list)
      rows.push_back(
          {field(c, "name"), field(c, "version"), field(c, "tenant"), field(c, "state")});
  }
  print_table({"NAME", "VERSION", "TENANT", "STATE"}, rows);
}

void run_status(const DevArgs& args, const std::string& name) {
  Device d(args);
  const Json s = d.get("/c/" + name);
  if (d.json()) {
    d.print_json(s);
    return;
  }
  const Json empty = Json::object();
  const Json& stats = s.contains("stats") ? s["stats"] : empty;
  const Json& memory = s.contains("memory") ? s["memory"] : empty;
  std::string state = field(s, "state");
  if (s.contains("suspension")) state += " (" + field(s, "suspension") + ")";
  std::vector<std::pair<std::string, std::string>> pairs = {
      {"name", field(s, "name")},
      {"version", field(s, "version")},
      {"tenant", field(s, "tenant")},
      {"state", state},
      {"restarts", field(s, "restarts")},
      {"strikes", field(s, "strikes")},
      {"activations", field(stats, "activations")},
      {"instructions", field(stats, "instructions")},
      {"endpoint calls", field(stats, "endpoint_calls")},
      {"cpu", field(stats, "cpu_us") + " us"},
      {"denials", counts(stats.contains("denials") ? stats["denials"] : empty)},
      {"violations", counts(stats.contains("violations") ? stats["violations"] : empty)},
      {"memory", "stack " + field(memory, "stack") + ", data " + field(memory, "data") +
                     ", storage " + field(memory, "storage_used") + " of " +
                     field(memory, "storage_quota") + " bytes"}};
  print_pairs(pairs);
}

void run_life_cycle(const DevArgs& args, const std::string& action, const std::string& name) {
  Device d(args);
  const dev::Outcome o = action == "rm" ? d.client().del({.path = "/c/" + name})
                                        : d.client().post({.path = "/c/" + name + "/" + action});
  const Json body = d.expect(o);
  static constexpr std::pair<const char*, const char*> kDone[] = {
      {"start", "started"}, {"stop", "stopped"}, {"restart", "restarted"}, {"rm", "removed"}};
  const char* done = "done";
  for (const auto& [verb, past] : kDone) {
    if (action == verb) done = past;
  }
  if (d.json()) {
    Json out = {{"name", name}, {"result", done}, {"code", o.reply.code_text().substr(0, 4)}};
    if (!body.is_null()) out["answer"] = body;
    d.print_json(out);
  } else {
    std::printf("%s: %s\n", name.c_str(), done);
  }
}

struct FollowArgs {
  bool follow = false;
  std::optional<uint64_t> from;
  double interval_s = 1.0;
  uint64_t count = 0;  // stop after this many lines/events (0: never)
};

std::string seconds(const Json& ms) {
  if (!ms.is_number()) return "-";
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.3f", ms.get<double>() / 1000.0);
  return text.data();
}

void run_logs(const DevArgs& args, const std::string& name, const FollowArgs& f) {
  Device d(args);
  std::optional<uint64_t> from = f.from;
  uint64_t shown = 0;
  for (;;) {
    std::vector<std::string> query;
    if (from) query.push_back("from=" + std::to_string(*from));
    const Json page = d.get("/c/" + name + "/logs", query);
    if (d.json() && !f.follow) {
      d.print_json(page);
      return;
    }
    if (page.contains("lines") && page["lines"].is_array()) {
      for (const Json& line : page["lines"]) {
        if (!line.is_array() || line.size() < 3) continue;
        if (d.json()) {
          std::printf(
              "%s\n",
              Json({{"seq", line[0]}, {"time_ms", line[1]}, {"text", line[2]}}).dump().c_str());
        } else {
          std::printf("%6s %10s  %s\n", show(line[0]).c_str(), seconds(line[1]).c_str(),
                      show(line[2]).c_str());
        }
        ++shown;
        if (f.count != 0 && shown >= f.count) break;
      }
    }
    std::fflush(stdout);
    if (!f.follow || (f.count != 0 && shown >= f.count)) return;
    if (page.contains("next") && page["next"].is_number_unsigned())
      from = page["next"].get<uint64_t>();
    std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<long>(f.interval_s * 1000)));
  }
}

std::string event_details(const Json& e) {
  std::string text;
  for (const auto& [k, v] : e.items()) {
    if (k == "seq" || k == "time_ms" || k == "kind" || k == "container") continue;
    if (!text.empty()) text += " ";
    text += k + "=" + show(v);
  }
  return text;
}

// Prints the events of one page not seen yet; false once `count` are shown.
bool print_events(const Device& d, const Json& page, uint64_t& next, uint64_t& shown,
                  const FollowArgs& f, bool& header) {
  if (!page.contains("events") || !page["events"].is_array()) return true;
  for (const Json& e : page["events"]) {
    if (e.contains("seq") && e["seq"].is_number_unsigned()) {
      const uint64_t seq = e["seq"].get<uint64_t>();
      if (seq < next) continue;  // already shown (an observer may see a batch twice)
      next = seq + 1;
    }
    if (d.json()) {
      std::printf("%s\n", e.dump().c_str());
    } else {
      if (!header) {
        std::printf("%6s %10s  %-14s %-16s %s\n", "SEQ", "TIME", "KIND", "CONTAINER", "DETAILS");
        header = true;
      }
      std::array<char, 512> line{};
      std::snprintf(line.data(), line.size(), "%6s %10s  %-14s %-16s %s", field(e, "seq").c_str(),
                    seconds(e.value("time_ms", Json())).c_str(), field(e, "kind").c_str(),
                    field(e, "container").c_str(), event_details(e).c_str());
      std::string text = line.data();
      text.erase(text.find_last_not_of(' ') + 1);
      std::printf("%s\n", text.c_str());
    }
    ++shown;
    if (f.count != 0 && shown >= f.count) return false;
  }
  std::fflush(stdout);
  return true;
}

void run_events(const DevArgs& args, const FollowArgs& f) {
  Device d(args);
  std::vector<std::string> query;
  if (f.from) query.push_back("from=" + std::to_string(*f.from));
  uint64_t next = f.from.value_or(0);
  uint64_t shown = 0;
  bool header = false;
  if (!f.follow) {
    const Json page = d.get("/events", query);
    if (d.json()) {
      d.print_json(page);
      return;
    }
    (void)print_events(d, page, next, shown, f, header);
    if (!header) std::printf("no events\n");
    return;
  }
  // Observe /events: each notification carries the events since the previous one.
  bool failed = false;
  dev::Reply bad;
  const dev::Outcome o =
      d.client().observe({.path = "/events", .query = query}, [&](const dev::Reply& reply) {
        dev::JsonResult page = dev::cbor_to_json(reply.payload);
        if (!page.value) {
          failed = true;
          bad = reply;
          return false;
        }
        return print_events(d, *page.value, next, shown, f, header);
      });
  const Json last = d.expect(o);  // exits on no answer or an error answer
  if (failed) {
    std::fprintf(stderr, "tcctl dev: the device sent a malformed notification\n");
    exit_with(kExitDevice);
  }
  if (!o.reply.observing) {
    // Not observable after all (the callback never ran): print the answer, then poll.
    (void)print_events(d, last, next, shown, f, header);
    for (;;) {
      if (f.count != 0 && shown >= f.count) return;
      std::this_thread::sleep_for(
          std::chrono::milliseconds(static_cast<long>(f.interval_s * 1000)));
      const Json page = d.get("/events", {"from=" + std::to_string(next)});
      if (!print_events(d, page, next, shown, f, header)) return;
    }
  }
}

void run_stats(const DevArgs& args) {
  Device d(args);
  const Json stats = d.get("/dev/stats");
  if (d.json()) {
    d.print_json(stats);
    return;
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  flatten(stats, "", pairs);
  print_pairs(pairs);
}

struct InstallArgs {
  std::string image;
  std::string manifest;
  bool insecure = false;
};

// A SUIT envelope starts with its CBOR tag 107 (0xd8 0x6b) or, untagged, with a map.
bool looks_like_suit_envelope(std::span<const uint8_t> bytes) {
  if (bytes.size() >= 2 && bytes[0] == 0xd8 && bytes[1] == 0x6b) return true;
  return !bytes.empty() && (bytes[0] >> 5) == 5;  // major type 5: a map
}

bool is_tcx_image(std::span<const uint8_t> bytes) {
  return bytes.size() >= sizeof image::kMagic &&
         std::equal(std::begin(image::kMagic), std::end(image::kMagic), bytes.begin());
}

// POSTs the body to /c and prints what the device installed.
void post_install(const DevArgs& args, std::span<const uint8_t> body, bool signed_install) {
  Device d(args);
  const dev::Outcome o =
      d.client().post({.path = "/c", .content_format = dev::kFormatCbor, .payload = body});
  const Json answer = d.expect(o);
  if (d.json()) {
    d.print_json(answer);
    return;
  }
  std::string location;
  for (const std::string& segment : o.reply.location_path)
    location += "/" + segment;
  const std::string sequence =
      signed_install ? "sequence " + field(answer, "sequence") + ", " : std::string();
  std::printf("installed %s version %s (%s%zu bytes sent)%s\n", field(answer, "name").c_str(),
              field(answer, "version").c_str(), sequence.c_str(), body.size(),
              location.empty() ? "" : (", at " + location).c_str());
}

// The unsigned install: [image, manifest CBOR], for a device started with --insecure.
void install_unsigned(const DevArgs& args, const InstallArgs& in) {
  if (!in.insecure) {
    local_error(
        "unsigned install needs --insecure (and a device started with --insecure); for a device "
        "with trust anchors, sign it (tcctl sign IMAGE.tcx MANIFEST.json --key K -o "
        "ENVELOPE.suit) and install the envelope");
  }
  const std::optional<std::vector<uint8_t>> image = read_bytes(in.image);
  if (!image) local_error(in.image + ": cannot read the file");
  if (image->empty()) local_error(in.image + ": the image is empty");
  const std::optional<std::string> text = read_text(in.manifest);
  if (!text) local_error(in.manifest + ": cannot read the file");
  const dev::InstallBody body = dev::make_install_body(*image, *text);
  if (body.body.empty()) {
    for (const std::string& e : body.errors)
      std::fprintf(stderr, "%s: %s\n", in.manifest.c_str(), e.c_str());
    exit_with(kExitLocal);
  }
  post_install(args, body.body, false);
}

// One file: a signed SUIT envelope, sent as it is (it carries its manifest; no --insecure). The
// device is the judge of an envelope: whatever is not a .tcx image goes, so that a malformed
// envelope meets the device's own refusal (and tests can send one).
void run_install(const DevArgs& args, const InstallArgs& in) {
  if (!in.manifest.empty()) return install_unsigned(args, in);
  const std::optional<std::vector<uint8_t>> envelope = read_bytes(in.image);
  if (!envelope) {
    local_error(in.image +
                ": cannot read the file (install takes SUIT envelopes as `tcctl sign` writes "
                "them, or IMAGE.tcx MANIFEST.json --insecure)");
  }
  if (is_tcx_image(*envelope)) {
    local_error(in.image +
                " is a container image: sign it with its manifest (tcctl sign IMAGE.tcx "
                "MANIFEST.json --key K -o ENVELOPE.suit) and install the envelope, or install "
                "IMAGE.tcx MANIFEST.json --insecure on a device started with --insecure");
  }
  if (!looks_like_suit_envelope(*envelope)) {
    std::fprintf(stderr,
                 "tcctl dev: note: %s does not start like a SUIT envelope (CBOR tag 107 or a "
                 "map); sending it as it is\n",
                 in.image.c_str());
  }
  post_install(args, *envelope, true);
}

// A container name is one path segment.
std::string check_name(const std::string& name) {
  if (name.empty()) return "the container name is empty";
  if (name.find_first_of("/?#") != std::string::npos)
    return "a container name is one path segment (no '/', '?' or '#')";
  return {};
}

void add_named(CLI::App& dev, const std::shared_ptr<DevArgs>& args, const char* action,
               const char* help) {
  auto name = std::make_shared<std::string>();
  CLI::App* cmd = dev.add_subcommand(action, help);
  cmd->add_option("NAME", *name, "container name")->required()->check(check_name);
  const std::string verb = action;
  cmd->callback([args, name, verb] {
    if (verb == "status") {
      run_status(*args, *name);
    } else {
      run_life_cycle(*args, verb, *name);
    }
  });
}

}  // namespace

void add_dev_command(CLI::App& app) {
  auto args = std::make_shared<DevArgs>();
  CLI::App* dev = app.add_subcommand(
      "dev",
      "talk to one device over CoAP (exit 0 ok, 1 usage/local, 2 device error, 3 no answer)");
  dev->require_subcommand(1);
  dev->fallthrough();
  dev->add_option("-d,--device", args->device, "device URI: coap://HOST[:PORT] (port 5683)");
  dev->add_option("-o,--output", args->format, "output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  dev->add_option("--timeout", args->timeout_s, "seconds to wait for each answer")
      ->capture_default_str();
  dev->add_flag("-v,--verbose", args->verbose, "libcoap's debug log on stderr");

  dev->add_subcommand("info", "device information and resource catalog (GET /dev, /dev/resources)")
      ->callback([args] { run_info(*args); });
  dev->add_subcommand("ps", "containers: name, version, tenant, state (GET /c)")->callback([args] {
    run_ps(*args);
  });
  add_named(*dev, args, "status", "one container: state, stats, denials (GET /c/NAME)");
  add_named(*dev, args, "start", "start a container (POST /c/NAME/start)");
  add_named(*dev, args, "stop", "stop a container (POST /c/NAME/stop)");
  add_named(*dev, args, "restart", "restart a container (POST /c/NAME/restart)");
  add_named(*dev, args, "rm", "remove a container, stopping it first (DELETE /c/NAME)");
  dev->add_subcommand("stats", "device-wide counters (GET /dev/stats)")->callback([args] {
    run_stats(*args);
  });

  {
    auto name = std::make_shared<std::string>();
    auto f = std::make_shared<FollowArgs>();
    CLI::App* cmd = dev->add_subcommand("logs", "a container's log lines (GET /c/NAME/logs)");
    cmd->add_option("NAME", *name, "container name")->required()->check(check_name);
    cmd->add_flag("-f,--follow", f->follow, "keep polling for new lines");
    cmd->add_option("--from", f->from, "first sequence number (default: the oldest held)");
    cmd->add_option("--interval", f->interval_s, "with --follow: seconds between polls")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--count", f->count, "stop after this many lines");
    cmd->callback([args, name, f] { run_logs(*args, *name, *f); });
  }
  {
    auto f = std::make_shared<FollowArgs>();
    CLI::App* cmd = dev->add_subcommand("events", "the device's event ring (GET/observe /events)");
    cmd->add_flag("-f,--follow", f->follow, "observe: print events as they happen");
    cmd->add_option("--from", f->from, "first sequence number (default: the oldest held)");
    cmd->add_option("--count", f->count, "stop after this many events");
    cmd->add_option("--interval", f->interval_s,
                    "with --follow on a device without observe: seconds between polls")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->callback([args, f] { run_events(*args, *f); });
  }
  {
    auto in = std::make_shared<InstallArgs>();
    CLI::App* cmd = dev->add_subcommand(
        "install",
        "install or update a container: ENVELOPE.suit (signed, from `tcctl sign`), or "
        "IMAGE.tcx MANIFEST.json --insecure (POST /c)");
    cmd->add_option("FILE", in->image, "SUIT envelope; or, with MANIFEST, container image (.tcx)")
        ->required();
    cmd->add_option("MANIFEST", in->manifest, "with an image: its manifest (JSON)");
    cmd->add_flag("--insecure", in->insecure,
                  "with IMAGE MANIFEST: unsigned install (the device must run with --insecure)");
    cmd->callback([args, in] { run_install(*args, *in); });
  }
}

}  // namespace tc::cli
