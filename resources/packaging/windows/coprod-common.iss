; coprod installer, shared by the per-user (coprod-user.iss) and per-machine
; (coprod-machine.iss) scripts. Compile one of those with Inno Setup 6 on Windows, after
; `python resources/packaging/build.py` has made dist\coprod:
;
;   iscc /DAppVersion=0.1.0 resources\packaging\windows\coprod-user.iss
;
; The scripts define Variant ("user" or "machine") and include this file.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef DistDir
  ; The one-folder build, relative to this file.
  #define DistDir "..\..\..\dist\coprod"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\..\dist\installers"
#endif

#if Variant == "user"
  #define Privileges "lowest"
#elif Variant == "machine"
  #define Privileges "admin"
#else
  #error Variant must be "user" or "machine"
#endif

[Setup]
; lowest: no administrator rights, installed in %LOCALAPPDATA%\Programs\coprod for this user;
; admin: Program Files, for everyone on the machine.
PrivilegesRequired={#Privileges}
OutputBaseFilename=coprod-{#AppVersion}-setup-{#Variant}
; One AppId for both variants: a machine-wide install and a user's own are the same program.
AppId={{6D3C2F4E-9A51-4B7E-8C2D-3F1A0B9E7C41}
AppName=coprod
AppVersion={#AppVersion}
AppVerName=coprod {#AppVersion}
AppPublisher=coprod
AppComments=Co-production feedback manager for council adult social care teams
DefaultDirName={autopf}\coprod
DefaultGroupName=coprod
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\coprodw.exe
SetupIconFile=..\coprod.ico
UninstallDisplayName=coprod {#AppVersion}
OutputDir={#OutputDir}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; The variant decides (PrivilegesRequiredOverridesAllowed is left empty): an officer cannot
; switch a per-machine package to per-user or back.
ChangesAssociations=yes
; A running coprod holds its files: ask to close it rather than leave a half-updated folder.
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: a library dropped from a new build must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; {autoprograms} is the user's Start menu for a per-user install, everyone's for per-machine.
Name: "{autoprograms}\coprod"; Filename: "{app}\coprodw.exe"; WorkingDir: "{userdocs}"; Comment: "Co-production feedback manager"
Name: "{autodesktop}\coprod"; Filename: "{app}\coprodw.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; HKA is HKCU\Software\Classes for a per-user install and HKLM\Software\Classes per machine.
; The interchange file (NAME.coprod.json): opening one offers to merge it into the database.
Root: HKA; Subkey: "Software\Classes\coprod.interchange"; ValueType: string; ValueName: ""; ValueData: "coprod interchange file"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\coprod.interchange\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\coprodw.exe,0"
Root: HKA; Subkey: "Software\Classes\coprod.interchange\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\coprodw.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.coprod.json"; ValueType: string; ValueName: ""; ValueData: "coprod.interchange"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.coprod.json\OpenWithProgids"; ValueType: string; ValueName: "coprod.interchange"; ValueData: ""; Flags: uninsdeletevalue
; Explorer goes by the last part of a name (.json), so coprod is also offered in Open with
; for .json files, without taking .json over from the officer's editor.
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "coprod.interchange"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\coprodw.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "coprod"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\coprodw.exe\SupportedTypes"; ValueType: string; ValueName: ".coprod.json"; ValueData: ""

[Run]
Filename: "{app}\coprodw.exe"; Description: "{cm:LaunchProgram,coprod}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder: the officer's databases, backups and settings are theirs to keep.
Type: filesandordirs; Name: "{app}\_internal"
