package io.omskit.benchmarks.lifecycle;

import io.omskit.benchmarks.lifecycle.PeerModel.PeerOrder;
import io.omskit.benchmarks.lifecycle.PeerModel.Stage;
import io.omskit.benchmarks.lifecycle.PeerModel.Step;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.StateMachineFactory;
import org.springframework.statemachine.config.builders.StateMachineTransitionConfigurer;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import reactor.core.publisher.Mono;

/**
 * The lifecycle on Spring Statemachine 4.0.1: nine enum states, eight external transitions, each with a
 * guard and an action that call {@link PeerOrder} (read from the machine's extended state), driven with the
 * reactive API ({@code sendEvent(Mono<Message>)}; the blocking {@code sendEvent(E)} is deprecated in 4.x).
 *
 * <p>Benchmark support; an instance is used by one thread.
 */
final class SpringPeer {
    static final String ORDER = "order";

    private final StateMachineBuilder.Builder<Stage, Step> builder;
    private final StateMachineFactory<Stage, Step> factory;
    private final StateMachine<Stage, Step> reused;
    private final List<Message<Step>> messages = new ArrayList<>();

    SpringPeer() {
        try {
            builder = StateMachineBuilder.builder();
            builder.configureConfiguration().withConfiguration().autoStartup(false);
            builder.configureStates().withStates().initial(Stage.PLACED).states(EnumSet.allOf(Stage.class));
            StateMachineTransitionConfigurer<Stage, Step> transitions = builder.configureTransitions();
            for (Step step : PeerModel.STEPS) {
                transitions.withExternal()
                        .source(PeerModel.from(step)).target(PeerModel.to(step)).event(step)
                        .guard(ctx -> ctx.getExtendedState().get(ORDER, PeerOrder.class).guard(step))
                        .action(ctx -> ctx.getExtendedState().get(ORDER, PeerOrder.class).act(step));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure the Spring state machine", e);
        }
        factory = builder.createFactory();
        reused = builder.build();
        for (Step step : PeerModel.STEPS) {
            messages.add(MessageBuilder.withPayload(step).build());
        }
    }

    /** (a) a new machine per order from the prepared builder, as its users use it. */
    PeerOrder newMachinePerOrder(PeerOrder order) {
        return drive(builder.build(), order);
    }

    /** (a') a new machine per order from a factory created once from the builder. */
    PeerOrder factoryMachinePerOrder(PeerOrder order) {
        return drive(factory.getStateMachine(), order);
    }

    /** (b) one machine, stopped, reset to PLACED and restarted between orders. */
    PeerOrder reusedMachine(PeerOrder order) {
        reused.stopReactively().block();
        reused.getStateMachineAccessor().doWithAllRegions(access -> access
                .resetStateMachineReactively(new DefaultStateMachineContext<>(Stage.PLACED, null, null, null))
                .block());
        return drive(reused, order);
    }

    private PeerOrder drive(StateMachine<Stage, Step> machine, PeerOrder order) {
        machine.getExtendedState().getVariables().put(ORDER, order);
        machine.startReactively().block();
        for (Message<Step> message : messages) {
            StateMachineEventResult<Stage, Step> result = machine.sendEvent(Mono.just(message)).blockLast();
            if (result == null || result.getResultType() != StateMachineEventResult.ResultType.ACCEPTED) {
                throw new IllegalStateException("Spring machine refused " + message.getPayload() + " for order "
                        + order.in.orderId());
            }
        }
        if (machine.getState().getId() != Stage.DELIVERED) {
            throw new IllegalStateException("Spring machine ended in " + machine.getState().getId());
        }
        return order.checkDelivered();
    }
}
