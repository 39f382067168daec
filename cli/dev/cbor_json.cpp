#include "dev/cbor_json.hpp"
#include "common/strings.hpp"

#include <cmath>
#include <limits>

#include "cbor/reader.hpp"
#include "cbor/writer.hpp"

namespace tc::dev {
namespace {

using cbor::Error;
using cbor::Item;
using cbor::Type;

std::string error_text(Error e, std::size_t offset) {
  return std::string("malformed CBOR at byte ") + std::to_string(offset) + " (" +
         cbor::describe(e) + ")";
}

class Converter {
 public:
  explicit Converter(std::span<const uint8_t> input) : reader_(input) {}

  bool item(Json& out) {
    Item it;
    if (const Error e = reader_.next(it); e != Error::ok) return fail(e);
    return from(it, out);
  }

  bool finish() {
    const Error e = reader_.finish();
    return e == Error::ok || fail(e);
  }

  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  bool fail(Error e) {
    if (error_.empty()) error_ = error_text(e, reader_.offset());
    return false;
  }

  // The chunks of an indefinite-length string, joined.
  bool chunks(std::string& text) {
    while (!reader_.at_break()) {
      Item chunk;
      if (const Error e = reader_.next(chunk); e != Error::ok) return fail(e);
      text.append(reinterpret_cast<const char*>(chunk.data.data()), chunk.data.size());
    }
    const Error e = reader_.read_break();
    return e == Error::ok || fail(e);
  }

  bool from(const Item& it, Json& out) {
    switch (it.type) {
      case Type::unsigned_int:
        out = it.argument;
        return true;
      case Type::negative_int:
        if (it.argument <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
          out = -1 - static_cast<int64_t>(it.argument);
        } else {
          out = -1.0 - static_cast<double>(it.argument);
        }
        return true;
      case Type::byte_string: {
        std::string bytes(reinterpret_cast<const char*>(it.data.data()), it.data.size());
        if (it.indefinite && !chunks(bytes)) return false;
        out = to_hex({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
        return true;
      }
      case Type::text_string: {
        std::string text(it.text());
        if (it.indefinite && !chunks(text)) return false;
        out = std::move(text);
        return true;
      }
      case Type::array: {
        out = Json::array();
        for (uint64_t i = 0; it.indefinite ? !reader_.at_break() : i < it.argument; ++i) {
          Json element;
          if (!item(element)) return false;
          out.push_back(std::move(element));
        }
        if (it.indefinite && reader_.read_break() != Error::ok) return fail(reader_.error());
        return true;
      }
      case Type::map: {
        out = Json::object();
        for (uint64_t i = 0; it.indefinite ? !reader_.at_break() : i < it.argument; ++i) {
          Json key;
          Json value;
          if (!item(key) || !item(value)) return false;
          out[key.is_string() ? key.get<std::string>() : key.dump()] = std::move(value);
        }
        if (it.indefinite && reader_.read_break() != Error::ok) return fail(reader_.error());
        return true;
      }
      case Type::tag:
        return item(out);
      case Type::simple:
        if (it.argument == cbor::kSimpleFalse || it.argument == cbor::kSimpleTrue) {
          out = it.argument == cbor::kSimpleTrue;
        } else if (it.argument == cbor::kSimpleNull || it.argument == cbor::kSimpleUndefined) {
          out = nullptr;
        } else {
          out = "simple(" + std::to_string(it.argument) + ")";
        }
        return true;
      case Type::floating: {
        const double v = it.float_value();
        if (std::isfinite(v)) {
          out = v;
        } else {
          out = nullptr;
        }
        return true;
      }
      case Type::break_code:
        break;
    }
    return fail(Error::unexpected_break);
  }

  cbor::Reader reader_;
  std::string error_;
};

// One JSON value into a Writer; the Writer's sticky error says whether the buffer was too small.
class Encoder {
 public:
  explicit Encoder(std::span<uint8_t> out) : writer_(out) {}

  bool value(const Json& json, std::size_t depth) {
    switch (json.type()) {
      case Json::value_t::null:
      case Json::value_t::discarded:
        writer_.write_null();
        break;
      case Json::value_t::boolean:
        writer_.write_bool(json.get<bool>());
        break;
      case Json::value_t::number_integer:
        writer_.write_int(json.get<int64_t>());
        break;
      case Json::value_t::number_unsigned:
        writer_.write_uint(json.get<uint64_t>());
        break;
      case Json::value_t::number_float:
        writer_.write_float(json.get<double>());
        break;
      case Json::value_t::string:
        writer_.write_text(json.get_ref<const std::string&>());
        break;
      case Json::value_t::binary: {
        const auto& bytes = json.get_binary();
        writer_.write_bytes({bytes.data(), bytes.size()});
        break;
      }
      case Json::value_t::array:
      case Json::value_t::object:
        return container(json, depth + 1);
    }
    return true;
  }

  [[nodiscard]] cbor::Error error() const { return writer_.error(); }
  [[nodiscard]] std::span<const uint8_t> written() const { return writer_.written(); }
  [[nodiscard]] const std::string& refusal() const { return refusal_; }

 private:
  bool container(const Json& json, std::size_t depth) {
    if (depth > cbor::kMaxDepth) {
      refusal_ = "JSON nests deeper than " + std::to_string(cbor::kMaxDepth) + " levels";
      return false;
    }
    if (json.is_array()) {
      writer_.write_array(json.size());
      for (const Json& element : json)
        if (!value(element, depth)) return false;
      return true;
    }
    writer_.write_map(json.size());
    for (const auto& [key, element] : json.items()) {
      writer_.write_text(key);
      if (!value(element, depth)) return false;
    }
    return true;
  }

  cbor::Writer writer_;
  std::string refusal_;
};

}  // namespace

CborResult json_to_cbor(const Json& json) {
  // Grows the buffer until the value fits: JSON text size says little about CBOR size (a short
  // decimal may need a float64), and the writer never writes past the end.
  for (std::size_t capacity = 256;; capacity *= 2) {
    std::vector<uint8_t> buffer(capacity);
    Encoder encoder(buffer);
    if (!encoder.value(json, 0)) return {std::nullopt, encoder.refusal()};
    if (encoder.error() == cbor::Error::buffer_full) continue;
    if (encoder.error() != cbor::Error::ok) {
      return {std::nullopt,
              std::string("not encodable as CBOR: ") + cbor::describe(encoder.error())};
    }
    buffer.resize(encoder.written().size());
    return {std::move(buffer), {}};
  }
}

std::string to_hex(std::span<const uint8_t> bytes) {
  return cli::hex_of(bytes);
}

JsonResult cbor_to_json(std::span<const uint8_t> cbor) {
  Converter converter(cbor);
  Json value;
  if (!converter.item(value) || !converter.finish()) return {std::nullopt, converter.error()};
  return {std::move(value), {}};
}

}  // namespace tc::dev
