package io.marketplace.platform.domain;

/**
 * What a service knows of one (integration, account) installation, as integrations-service decided it. That service
 * owns the decision: each install starts a new {@code generation} (1, 2, …) and a disable ends it. The other services
 * keep this projection from the events and jobs it sends them, which may arrive late, twice or out of order; merging
 * them in any order gives the same state, because a later generation wins and, within one generation, a disable is
 * final.
 */
public record InstallationState(long generation, boolean active) {

    /** Nothing heard of yet. */
    public static final InstallationState UNKNOWN = new InstallationState(0, false);

    public static InstallationState installed(long generation) {
        return new InstallationState(generation, true);
    }

    public static InstallationState disabled(long generation) {
        return new InstallationState(generation, false);
    }

    /** This state once {@code reported} is known too. */
    public InstallationState merge(InstallationState reported) {
        if (reported.generation != generation) {
            return reported.generation > generation ? reported : this;
        }
        return active && reported.active ? this : disabled(generation);
    }

    /** Whether a code may be issued or exchanged for installation {@code generation}: only while it is the live one. */
    public boolean admits(long generation) {
        return active && this.generation == generation;
    }
}
