; The Windows installer of 工会竞赛台账, built by tools/build_installer.sh (makensis, on Linux or Windows):
;   makensis -DVERSION=0.1.0 -DPAYLOAD=build/installer/payload -DOUTFILE=dist/….exe -DICON=resources/icon.ico tools/installer.nsi
; Per user, no administrator rights: %LOCALAPPDATA%\Programs\工会竞赛台账. The data folder
; (%LOCALAPPDATA%\UnionLedger, with its 备份) is the program's own business: neither an upgrade nor the
; uninstaller touches it.

Unicode true
SetCompressor /SOLID lzma
SetCompressorDictSize 64
RequestExecutionLevel user
ManifestDPIAware true

!define APP "工会竞赛台账"
!define KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\UnionLedger"
!define PUBLISHER "工会竞赛台账开发组"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP} 安装程序"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "欢迎安装 ${APP} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "本程序帮助县总工会管理单位台账、劳动和技能竞赛、创新成果、荣誉和年度目标，生成上报表和 PDF 报告。$\r$\n$\r$\n安装只为当前用户，不需要管理员权限，也不需要联网。已有的数据不会被改动：数据保存在 %LOCALAPPDATA%\UnionLedger 中，升级和卸载都不会删除它。$\r$\n$\r$\n点“下一步”继续。"
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION StartProgram
!define MUI_FINISHPAGE_RUN_TEXT "现在打开 ${APP}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function StartProgram
  Exec '"$INSTDIR\pythonw.exe" "$INSTDIR\program\main.pyc"'
FunctionEnd

Section "${APP}" main
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; an upgrade replaces the program whole (no file of an older version is left behind); never the data folder
  RMDir /r "$INSTDIR\program"
  RMDir /r "$INSTDIR\Lib"
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\卸载.exe"
  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\pythonw.exe" '"$INSTDIR\program\main.pyc"' "$INSTDIR\program\resources\icon.ico" 0 SW_SHOWNORMAL "" "${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\卸载 ${APP}.lnk" "$INSTDIR\卸载.exe"
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\pythonw.exe" '"$INSTDIR\program\main.pyc"' "$INSTDIR\program\resources\icon.ico" 0 SW_SHOWNORMAL "" "${APP}"
  WriteRegStr HKCU "${KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${KEY}" "DisplayIcon" "$INSTDIR\program\resources\icon.ico"
  WriteRegStr HKCU "${KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${KEY}" "UninstallString" '"$INSTDIR\卸载.exe"'
  WriteRegStr HKCU "${KEY}" "QuietUninstallString" '"$INSTDIR\卸载.exe" /S'
  WriteRegDWORD HKCU "${KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${KEY}" "EstimatedSize" ${SIZE_KB}
SectionEnd

Section "Uninstall"
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$SMPROGRAMS\${APP}"
  ; the payload's own files and folders by name (never RMDir /r of $INSTDIR: a folder the clerk chose may hold
  ; other things); the data in %LOCALAPPDATA%\UnionLedger and its backups stay
  !include "${UNLIST}"
  Delete "$INSTDIR\卸载.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${KEY}"
SectionEnd
