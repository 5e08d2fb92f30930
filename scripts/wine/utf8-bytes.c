/* The control for the console check in scripts/check_release.py: writes the UTF-8 bytes of
 * “检查年报” to standard output as they are (WriteFile), as a program that does not go through
 * WriteConsoleW would. A console whose code page is 936 (a Chinese Windows) shows them garbled,
 * which proves the check can tell the difference. */
#include <windows.h>

int main(void) {
  static const char text[] = "\xe6\xa3\x80\xe6\x9f\xa5\xe5\xb9\xb4\xe6\x8a\xa5\r\n";
  DWORD written;
  WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, sizeof text - 1, &written, NULL);
  return 0;
}
