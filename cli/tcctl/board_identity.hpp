// The SUIT vendor and class identifiers of a board: those its profile names, else TinyContainer's
// defaults derived from its model. tc-device applies the same rule to its own profile, so that an
// envelope signed with `--board BOARD.json` installs on a device started with that profile.
#pragma once

#include "manifest/board.hpp"
#include "suit/envelope_builder.hpp"

namespace tc::cli {

struct BoardIdentity {
  suit_host::Uuid vendor_id{};
  suit_host::Uuid class_id{};
};

[[nodiscard]] BoardIdentity board_identity(const manifest::BoardProfile& board);

}  // namespace tc::cli
