/**
 * Example jobs: build this module, upload its jar as an artifact, and register each class as a
 * function ({@code POST /v1/functions}).
 */
package io.hearth.examples;
