package org.unroll.ui.deck;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.util.Subscription;
import org.unroll.ui.common.LatexRenderer;

/**
 * The presenter view's content: the scene and where the deck is, the speaker notes in the
 * current language, the elapsed time, the current equation (typeset) and the next stop, all bound
 * to the {@link DeckViewModel}.
 */
public final class PresenterController {

    private static final float EQUATION_SIZE = 22f;

    private final DeckViewModel deck;
    private final LatexRenderer latex = new LatexRenderer();
    private final List<Subscription> subscriptions = new ArrayList<>();

    @FXML private BorderPane root;
    @FXML private ResourceBundle resources;
    @FXML private Label statusLabel;
    @FXML private Label titleLabel;
    @FXML private Label elapsedLabel;
    @FXML private Label notesLabel;
    @FXML private Label nextLabel;
    @FXML private ImageView equationView;
    @FXML private Label equationText;
    @FXML private Label hiddenResultLabel;

    public PresenterController(DeckViewModel deck) {
        this.deck = deck;
    }

    @FXML
    private void initialize() {
        statusLabel.textProperty().bind(deck.statusProperty());
        elapsedLabel.textProperty().bind(deck.elapsedProperty());
        nextLabel.textProperty().bind(deck.nextProperty());
        subscriptions.add(deck.titleProperty().subscribe(t -> titleLabel.setText(
                deck.isOpen() ? t : resources.getString("presenter.noDeck"))));
        subscriptions.add(deck.deckProperty().subscribe(d -> titleLabel.setText(
                d != null ? deck.titleProperty().get() : resources.getString("presenter.noDeck"))));
        notesLabel.textProperty().bind(deck.notesProperty());
        hiddenResultLabel.textProperty().bind(deck.hiddenResultProperty());
        hiddenResultLabel.visibleProperty().bind(deck.hiddenResultProperty().isNotEmpty());
        hiddenResultLabel.managedProperty().bind(hiddenResultLabel.visibleProperty());
        subscriptions.add(deck.equationProperty().subscribe(this::showEquation));
    }

    private void showEquation(String tex) {
        Image img = tex == null || tex.isBlank() ? null : latex.render(tex, EQUATION_SIZE);
        equationView.setImage(img);
        equationText.setText(img != null ? "" : tex == null || tex.isBlank()
                ? (deck.isOpen() ? resources.getString("presenter.noEquation") : "") : tex);
    }

    /** The equation as typeset (tests read it), or null. */
    public Image equationImage() {
        return equationView.getImage();
    }

    public String notesText() {
        return notesLabel.getText();
    }

    /** The result the room's view hides, shown here (predict, then reveal); empty when none is. */
    public String hiddenResultText() {
        return hiddenResultLabel.getText();
    }

    public String nextText() {
        return nextLabel.getText();
    }

    public String elapsedText() {
        return elapsedLabel.getText();
    }

    @FXML
    private void restart() {
        deck.restartTimer();
    }

    void dispose() {
        statusLabel.textProperty().unbind();
        elapsedLabel.textProperty().unbind();
        nextLabel.textProperty().unbind();
        notesLabel.textProperty().unbind();
        hiddenResultLabel.textProperty().unbind();
        hiddenResultLabel.visibleProperty().unbind();
        subscriptions.forEach(Subscription::unsubscribe);
    }
}
