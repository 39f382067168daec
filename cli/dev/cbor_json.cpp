#include "dev/cbor_json.hpp"
#include "common/strings.hpp"

#include <cmath>
#include <limits>

#include "cbor/reader.hpp"

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

}  // namespace

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
