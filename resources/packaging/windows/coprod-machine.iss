; coprod for every user of a machine, installed by IT into Program Files (where managed
; estates allow programs to run), for deployment through Intune or Configuration Manager:
;
;   coprod-VERSION-setup-machine.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG=coprod-install.log
;
; and removed with "%ProgramFiles%\coprod\unins000.exe" /VERYSILENT. Each officer's
; databases stay in their own user data folder. See coprod-common.iss for how to compile it.

#define Variant "machine"

#include "coprod-common.iss"
