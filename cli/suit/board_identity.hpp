// The SUIT vendor and class identifiers of a board: those its profile names, else TinyContainer's
// defaults derived from its model. tcctl sign/verify and tc-device apply this one rule, so that an
// envelope signed with `--board BOARD.json` installs on a device started with that profile.
#pragma once

#include "manifest/board.hpp"
#include "suit/envelope_builder.hpp"
#include "suit/suit.hpp"

namespace tc::suit_host {

struct BoardIdentity {
  Uuid vendor_id{};
  Uuid class_id{};

  [[nodiscard]] suit::DeviceIdentity device() const;
};

[[nodiscard]] BoardIdentity board_identity(const manifest::BoardProfile& board);

}  // namespace tc::suit_host
