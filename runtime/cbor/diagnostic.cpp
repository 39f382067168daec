#include "cbor/diagnostic.hpp"

#include "cbor/float_text.hpp"

namespace tc::cbor {
namespace {

void append_negative(TextBuilder& out, uint64_t argument) {
  out.append_char('-');
  if (argument == UINT64_MAX) {
    out.append("18446744073709551616");  // -1 - (2^64 - 1); one past uint64_t
  } else {
    out.append(argument + 1);
  }
}

void append_bytes(TextBuilder& out, std::span<const uint8_t> data) {
  out.append("h'");
  for (const uint8_t b : data)
    out.append_hex(b);
  out.append_char('\'');
}

void append_text(TextBuilder& out, std::span<const uint8_t> data) {
  out.append_char('"');
  for (const uint8_t b : data) {
    if (b == '"' || b == '\\') {
      out.append_char('\\').append_char(static_cast<char>(b));
    } else if (b < 0x20 || b == 0x7f) {
      out.append("\\u00").append_hex(b);
    } else {
      out.append_char(static_cast<char>(b));
    }
  }
  out.append_char('"');
}

void append_simple(TextBuilder& out, uint64_t value) {
  switch (value) {
    case kSimpleFalse:
      out.append("false");
      return;
    case kSimpleTrue:
      out.append("true");
      return;
    case kSimpleNull:
      out.append("null");
      return;
    case kSimpleUndefined:
      out.append("undefined");
      return;
    default:
      out.append("simple(").append(value).append_char(')');
  }
}

// An item that opens nothing, or the opening of one that does.
void append_head(TextBuilder& out, const Item& item) {
  switch (item.type) {
    case Type::unsigned_int:
      out.append(item.argument);
      return;
    case Type::negative_int:
      append_negative(out, item.argument);
      return;
    case Type::byte_string:
      if (!item.indefinite) append_bytes(out, item.data);
      return;  // an indefinite string opens lazily: "(_ " or ''_ depends on its chunks
    case Type::text_string:
      if (!item.indefinite) append_text(out, item.data);
      return;
    case Type::array:
      out.append(item.indefinite ? "[_ " : "[");
      return;
    case Type::map:
      out.append(item.indefinite ? "{_ " : "{");
      return;
    case Type::tag:
      out.append(item.argument).append_char('(');
      return;
    case Type::simple:
      append_simple(out, item.argument);
      return;
    case Type::floating:
      append_float(out, item.argument);
      return;
    case Type::break_code:
      return;
  }
}

// What the renderer remembers of an open container: enough to place separators and closers.
struct Open {
  Type type = Type::array;
  bool started = false;    // has an item (or chunk) been printed inside
  bool after_key = false;  // maps: the next item is a value
};

void append_separator(TextBuilder& out, Open& open) {
  if (!open.started) {
    if (open.type == Type::byte_string || open.type == Type::text_string) out.append("(_ ");
  } else if (open.after_key) {
    out.append(": ");
  } else if (open.type != Type::tag) {
    out.append(", ");
  }
  open.started = true;
  if (open.type == Type::map) open.after_key = !open.after_key;
}

void append_close(TextBuilder& out, const Open& open) {
  switch (open.type) {
    case Type::array:
      out.append_char(']');
      return;
    case Type::map:
      out.append_char('}');
      return;
    case Type::byte_string:
      out.append(open.started ? ")" : "''_");
      return;
    case Type::text_string:
      out.append(open.started ? ")" : "\"\"_");
      return;
    default:  // tag
      out.append_char(')');
      return;
  }
}

}  // namespace

// Iterative: the reader tracks nesting (and bounds it), this mirrors it to know what to print.
Error render_diagnostic(Reader& reader, TextBuilder& out) {
  Open open[kMaxDepth];
  std::size_t depth = 0;
  const std::size_t base = reader.depth();
  if (reader.at_break()) return Error::wrong_type;  // a break ends an item; it is not one
  do {
    Item item;
    const Error e = reader.next(item);
    if (e != Error::ok) return e;
    if (item.type != Type::break_code && depth > 0) append_separator(out, open[depth - 1]);
    append_head(out, item);
    const std::size_t now = reader.depth() > base ? reader.depth() - base : 0;
    if (now > depth) {
      open[depth++] = {item.type};
      continue;
    }
    if (item.type == Type::array) out.append_char(']');  // empty definite containers
    if (item.type == Type::map) out.append_char('}');
    while (depth > now)
      append_close(out, open[--depth]);
  } while (depth > 0);
  return out.truncated() ? Error::buffer_full : Error::ok;
}

Error diagnostic(std::span<const uint8_t> encoded, std::span<char> out) {
  Reader reader(encoded);
  TextBuilder text(out);
  const Error e = render_diagnostic(reader, text);
  if (e != Error::ok) return e;
  return reader.finish();
}

}  // namespace tc::cbor
