// Moved to util (the pinned Go tools are found the same way); kept here for the local backend's imports.
export { findExecutable } from '../../util/find-executable.ts';
