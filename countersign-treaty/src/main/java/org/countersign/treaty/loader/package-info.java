/**
 * Loading treaty files: YAML with source positions, validation against the shipped JSON Schema
 * ({@code treaty.schema.json}) and against the cross-references the schema cannot express, then
 * binding to the {@link org.countersign.treaty.model.Treaty} model.
 *
 * <p>Every problem is reported with file, line, column, field path and reason, all problems of a
 * phase at once, so that a treaty author fixes a file in one pass.
 */
@NullMarked
package org.countersign.treaty.loader;

import org.jspecify.annotations.NullMarked;
