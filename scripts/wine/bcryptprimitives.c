/* A stand-in for Windows' bcryptprimitives.dll, for running nianbao.exe under Debian 12's
 * wine 8.0, which lacks it. Rust's standard library (1.78+) imports ProcessPrng from it for
 * random numbers (HashMap keys); every Windows 10+ has the real DLL, so this is never shipped.
 * ProcessPrng fills a buffer with random bytes and always succeeds; RtlGenRandom
 * (SystemFunction036 in advapi32) does the same, 4 GiB at most at a time. Built by
 * scripts/check-release.sh with MinGW-w64 into the check's own wine prefix. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
    if (!SystemFunction036(data, n)) return FALSE;
    data += n;
    length -= n;
  }
  return TRUE;
}
