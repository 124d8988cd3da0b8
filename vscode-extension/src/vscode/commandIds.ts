/** The commands the extension contributes (package.json names them too). */
export const ATTACH_COMMAND = 'pyprobe.attach';
export const PICK_PROCESS_COMMAND = 'pyprobe.pickProcess';
export const PROFILE_COMMAND = 'pyprobe.profile';
export const CLEAR_PROFILE_COMMAND = 'pyprobe.clearProfileDecorations';
