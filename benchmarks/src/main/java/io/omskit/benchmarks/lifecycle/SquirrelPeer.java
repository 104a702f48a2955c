package io.omskit.benchmarks.lifecycle;

import io.omskit.benchmarks.lifecycle.PeerModel.PeerOrder;
import io.omskit.benchmarks.lifecycle.PeerModel.Stage;
import io.omskit.benchmarks.lifecycle.PeerModel.Step;
import org.squirrelframework.foundation.fsm.AnonymousAction;
import org.squirrelframework.foundation.fsm.AnonymousCondition;
import org.squirrelframework.foundation.fsm.StateMachineBuilder;
import org.squirrelframework.foundation.fsm.StateMachineBuilderFactory;

/**
 * The lifecycle on squirrel-foundation 0.3.10: one {@link StateMachineBuilder} prepared once, a new machine
 * per order (as squirrel recommends: builders are expensive, machines are cheap), nine enum states, eight
 * external transitions each with a condition and an action calling {@link PeerOrder} (the event context).
 *
 * <p>Benchmark support; an instance is used by one thread.
 */
final class SquirrelPeer {
    private final StateMachineBuilder<SquirrelOrderMachine, Stage, Step, PeerOrder> builder;

    SquirrelPeer() {
        builder = StateMachineBuilderFactory.create(SquirrelOrderMachine.class, Stage.class, Step.class, PeerOrder.class);
        for (Step step : PeerModel.STEPS) {
            builder.externalTransition().from(PeerModel.from(step)).to(PeerModel.to(step)).on(step)
                    .when(new AnonymousCondition<PeerOrder>() {
                        @Override
                        public boolean isSatisfied(PeerOrder order) {
                            return order.guard(step);
                        }
                    })
                    .perform(new AnonymousAction<SquirrelOrderMachine, Stage, Step, PeerOrder>() {
                        @Override
                        public void execute(Stage from, Stage to, Step event, PeerOrder order,
                                            SquirrelOrderMachine machine) {
                            order.act(event);
                        }
                    });
        }
    }

    /** A new machine from the prepared builder, driven through the eight events. */
    PeerOrder newMachinePerOrder(PeerOrder order) {
        SquirrelOrderMachine machine = builder.newStateMachine(Stage.PLACED);
        for (Step step : PeerModel.STEPS) {
            machine.fire(step, order);
        }
        if (machine.getCurrentState() != Stage.DELIVERED) {
            throw new IllegalStateException("squirrel machine ended in " + machine.getCurrentState());
        }
        return order.checkDelivered();
    }
}
