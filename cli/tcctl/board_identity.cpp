#include "tcctl/board_identity.hpp"

#include <string>

namespace tc::cli {

BoardIdentity board_identity(const manifest::BoardProfile& board) {
  BoardIdentity id;
  id.vendor_id =
      board.has_vendor_id ? std::to_array(board.vendor_id) : suit_host::default_vendor_id();
  id.class_id = board.has_class_id
                    ? std::to_array(board.class_id)
                    : suit_host::default_class_id(id.vendor_id, std::string(board.model.view()));
  return id;
}

}  // namespace tc::cli
