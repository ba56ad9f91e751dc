/**
 * Pack files: reading and writing a {@link dev.palm.packs.PlatformPackConfig} as YAML or JSON, with
 * errors that name the file, the field path and the line ({@link dev.palm.packs.files.PackFiles}).
 */
package dev.palm.packs.files;
