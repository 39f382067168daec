// mbedTLS return codes -> KeyError with mbedTLS's own explanation. Internal to cli/keys.
#pragma once

namespace tc::keys::detail {

// Throws KeyError("<what> (mbedTLS: <explanation>)") unless `ret` is 0.
void check_mbed(int ret, const char* what);

}  // namespace tc::keys::detail
