; coprod for one officer, installed without administrator rights (into
; %LOCALAPPDATA%\Programs\coprod), with a Start menu entry, the .coprod.json association
; and an uninstaller in Settings > Apps. See coprod-common.iss for how to compile it.

#define Variant "user"

#include "coprod-common.iss"
