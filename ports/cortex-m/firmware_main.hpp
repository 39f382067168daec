// The entry point every firmware image provides (a self-test or the device firmware). The reset
// handler calls it once the C++ run time is ready and ends the emulation with its result as the
// semihosting exit status: 0 (ExitCode::passed) for success.
#pragma once

extern "C" int tc_firmware_main();
