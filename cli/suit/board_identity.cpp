#include "suit/board_identity.hpp"

#include <algorithm>
#include <string>

namespace tc::suit_host {

suit::DeviceIdentity BoardIdentity::device() const {
  suit::DeviceIdentity id;
  std::copy(vendor_id.begin(), vendor_id.end(), id.vendor_id);
  std::copy(class_id.begin(), class_id.end(), id.class_id);
  return id;
}

BoardIdentity board_identity(const manifest::BoardProfile& board) {
  BoardIdentity id;
  id.vendor_id = board.has_vendor_id ? std::to_array(board.vendor_id) : default_vendor_id();
  id.class_id = board.has_class_id
                    ? std::to_array(board.class_id)
                    : default_class_id(id.vendor_id, std::string(board.model.view()));
  return id;
}

}  // namespace tc::suit_host
