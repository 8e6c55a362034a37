/**
 * Settings as users write them: a mapping read with its path ({@link io.cognitivecdc.settings.Settings}) and the
 * problems found in it ({@link io.cognitivecdc.settings.Problems}). Pipeline definitions and the step-type SPI
 * ({@code io.cognitivecdc.steps}) both read their settings through it; it lives apart from both so that plug-in step
 * types depend on it, not on the pipeline that loads them.
 */
package io.cognitivecdc.settings;
