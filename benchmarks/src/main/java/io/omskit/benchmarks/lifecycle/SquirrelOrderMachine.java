package io.omskit.benchmarks.lifecycle;

import io.omskit.benchmarks.lifecycle.PeerModel.PeerOrder;
import io.omskit.benchmarks.lifecycle.PeerModel.Stage;
import io.omskit.benchmarks.lifecycle.PeerModel.Step;
import org.squirrelframework.foundation.fsm.impl.AbstractStateMachine;

/**
 * The squirrel-foundation machine type of {@link SquirrelPeer}; squirrel instantiates it reflectively, so it
 * is public with a public no-argument constructor. Not thread-safe (one machine per order).
 */
public class SquirrelOrderMachine extends AbstractStateMachine<SquirrelOrderMachine, Stage, Step, PeerOrder> {
    /** For squirrel's reflective instantiation. */
    public SquirrelOrderMachine() {
    }
}
