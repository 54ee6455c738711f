# Italiano. Same keys as en.ftl, in the same order (build.rs checks).
# Syntax and rules: docs/LANGUAGES.md.
product = CRM Card

## Login

login-title = Accedi
email = E-mail
password = Password
sign-in = Accedi
sign-out = Esci
sign-out-everywhere = Esci da tutti i dispositivi
sign-out-everywhere-hint = Chiude le tue sessioni in tutti i browser e dispositivi, compreso questo.
login-failed = E-mail o password errata.

## Lists

search = Cerca
search-placeholder = Nome, telefono, e-mail…
all-stages = Tutte le fasi
filter = Filtra
new = Crea
nothing-found = Nessun risultato.
next-page = Pagina successiva
first-page = Prima pagina
col-name = Nome
col-stage = Fase
col-responsible = Responsabile
col-updated = Aggiornato
col-amount = Importo

## Card

edit = Modifica
save = Salva
cancel = Annulla
create = Crea
saving = Salvataggio…
add-another = + aggiungi
remove = Rimuovi
empty-value = non compilato
responsible = Responsabile
pipeline = Pipeline
created = Creato
yes = Sì
no = No
choose = — scegli —
item-search-placeholder = Digita per cercare…
street = Via
city = Città
region = Regione
postcode = CAP
country = Paese
amount = Importo
currency = Valuta
confirm-final-stage = Sposta l'elemento nella fase finale
confirm = Conferma
new-item-title = Crea
no-relations = Ancora nessun elemento collegato.
links-from = Questo elemento fa riferimento a
links-to = Elementi che fanno riferimento a questo
no-history = Nessun campo è stato ancora modificato.
history-field = Campo
history-old = Valore precedente
history-new = Nuovo valore
history-who = Modificato da
history-when = Quando
loading = Caricamento…
conflict-take-theirs = Usa il valore altrui
conflict-keep-mine = Mantieni il mio
conflict-emptied = Nel frattempo qualcun altro ha svuotato questo campo.
saved-merged = Salvato. Vengono mostrate anche le modifiche fatte da altri nel frattempo.

## Timeline

timeline = Timeline
comment-placeholder = Lascia un commento… (Ctrl+Invio per inviare)
send = Invia
load-more = Carica altro
event-created = Elemento creato
event-field-changed = Campi modificati
event-stage-changed = Fase modificata
event-comment = Commento
system-author = Sistema
timeline-empty = Non è ancora successo nulla.

## Errors (shown to people: clear, and never with internals)

err-unauthenticated = Accedi di nuovo.
err-forbidden = Non hai accesso a questa risorsa.
err-not-found = Non trovato. Potrebbe essere stato eliminato, oppure l'indirizzo è errato.
err-bad-request = La richiesta non è stata compresa. Ricarica la pagina e riprova.
err-too-large = Troppi dati inviati in una sola volta.
back = Indietro
# An upload refused: too many of the user's uploads wait for a save.
# A personal card view refused a new section.
err-setup-closed = Questo link di configurazione è già stato usato o è scaduto. Se nessuno ha ancora effettuato l'accesso, riavvia il server per ottenerne uno nuovo, oppure esegui `crm-card create-admin`.
setup-title = Configura CRM Card
setup-intro = Non esiste ancora nessun utente. Crea il primo amministratore: potrà poi aggiungere tutti gli altri in Impostazioni → Autorizzazioni di accesso.
setup-needs-token = Per creare il primo amministratore, apri l'indirizzo di configurazione che il server ha stampato all'avvio (contiene un token monouso), oppure esegui `crm-card create-admin --email EMAIL` sul server.
your-name = Il tuo nome
create-admin = Crea amministratore
# Sign-in refused for a while after too many failures.
err-unknown-host = Questo server non risponde a questo nome host. Un amministratore può aggiungerlo a public_hosts (CRM_PUBLIC_HOSTS).
err-internal = Si è verificato un errore da parte nostra. Non è andato perso nulla; riprova.
err-network = Impossibile raggiungere il server. Controlla la connessione e riprova.
err-validation = Alcuni campi richiedono attenzione.
err-conflict = Nel frattempo qualcun altro ha modificato questo elemento.
err-required-fields = Compila prima i campi obbligatori:
err-unknown-stage = Questa fase non appartiene alla pipeline dell'elemento.
err-comment-empty = Scrivi prima qualcosa.
err-page-not-found = Pagina non trovata.
err-not-integer = Inserisci un numero intero, ad es. 42.
err-not-number = Inserisci un numero, ad es. 12,5.
err-not-date = Inserisci una data.
err-not-datetime = Inserisci una data e un'ora.
err-not-amount = Inserisci un importo, ad es. 1250,00.
err-unknown-currency = Scegli una valuta dall'elenco.
err-not-url = Inserisci un indirizzo web, ad es. https://example.com.
err-not-email = Inserisci un indirizzo e-mail, ad es. nome@example.com.
err-not-phone = Inserisci un numero di telefono: cifre, spazi, + ( ) -.
err-unknown-option = Scegli una delle opzioni.
err-unknown-reference = Scegli una voce esistente.
# An item a field points to that the reader may not open: its title is not theirs to see.
item-hidden = Elemento nascosto
# An item a field points to that is in the recycle bin.
item-deleted = Elemento eliminato
stage-hidden = Fase nascosta
pipeline-hidden = Pipeline nascosta
err-not-yes-no = Scegli sì o no.
err-wrong-input = Questo valore non è adatto al campo.
err-required = Obbligatorio.
err-unknown-field = Questo campo non esiste o non può essere modificato qui.
err-end-before-start = La fine deve essere successiva all'inizio.
err-already-booked = Questa risorsa è già prenotata in quell'orario.
err-unknown-file = Carica di nuovo il file: non è stato trovato.
err-file-too-large = Il file è troppo grande.
err-file-empty = Il file è vuoto.

## Field settings errors

err-label-empty = Dai un nome al campo.
err-type-fixed = Il tipo di un campo non può essere modificato dopo la creazione.
err-multiple-fixed = Dopo la creazione non si può più cambiare se un campo contiene più valori.
err-not-multiple = Un campo di questo tipo contiene un solo valore.
err-no-options = Aggiungi almeno un'opzione.
err-option-blank = Un'opzione non ha testo.
err-stage-gone = Una delle fasi scelte non esiste più.
err-system-restricted = I campi di sistema sono visibili a tutti; solo i campi personalizzati possono essere limitati.
err-system-field = I campi di sistema non possono essere eliminati; nascondili.
err-too-many-fields = Questo tipo ha già il numero massimo di campi personalizzati.
err-unknown-people = Scegli utenti e reparti esistenti.
choose-file = Scegli un file
uploading = Caricamento in corso…
resource = Risorsa
booking-start = Inizio
booking-end = Fine

## Fields: create, configure, delete (card settings and CRM settings → Custom fields)

settings = Impostazioni
custom-fields = Campi personalizzati
create-field = Crea campo
configure = Configura
delete-field = Elimina campo
field-type = Tipo
field-label = Nome
field-kind = Categoria
system-field = Di sistema
custom-field = Personalizzato
multiple-short = multiplo
field-multiple = Più valori
field-multiline = Più righe di testo
field-item-types = Può fare riferimento a
field-options = Opzioni
field-resources = Risorse
field-option = Opzione
add-option = + Aggiungi opzione
default-currency = Valuta predefinita
required-legend = Obbligatorio
required-always = Sempre
required-at = In fase
required-at-stages = Oppure solo a partire da queste fasi:
visibility = Visibilità
restrict-visibility = Rendi questo campo visibile solo agli utenti selezionati
visibility-hint = Gli amministratori lo vedono sempre. Tutti gli altri non vedono né il campo né i suoi valori.
everyone = Tutti
admins-only = Solo amministratori
users = Utenti
departments = Reparti
actions = Azioni
export-csv = Esporta CSV

## CRM settings → Access

access = Autorizzazioni di accesso
roles = Ruoli
role = Ruolo
new-user = Nuovo utente
new-department = Nuovo reparto
new-role = Nuovo ruolo
name = Nome
password-keep = Nuova password (vuota: invariata)
department = Reparto
parent-department = Reparto superiore
head = Capo reparto
active = Attivo
inactive = Inattivo
none = —
allow-my-view = Consenti la vista personale della scheda
admin-flag = Amministratore (impostazioni CRM)
role-pipelines = Pipeline visibili a questo ruolo (togli la spunta per nasconderne elementi, kanban e nome)
saved-ok = Salvato.
deleted-ok = Eliminato.
err-name-empty = Inserisci un nome.
err-email-taken = Un altro utente ha già questa e-mail.
err-role-taken = Un altro ruolo ha già questo nome.
err-deactivate-self = Non puoi disattivare te stesso.
err-department-loop = Un reparto non può trovarsi all'interno di se stesso.
err-department-not-empty = Sposta prima altrove le sue persone e i suoi sottoreparti.

## Layout editing

configure-card = Impostazioni della scheda
finish-configuration = Termina la personalizzazione
save-edit-first = Salva o annulla prima la sezione che stai modificando.
leave-unsaved = Uscire da questa scheda? Ciò che hai digitato nella sezione in modifica non è stato salvato.
create-section = Aggiungi sezione
section-name = Nome della sezione
rename = Rinomina
delete-section = Elimina sezione
delete = Elimina
delete-section-warning = I suoi campi verranno nascosti dalla scheda. I loro dati restano e possono essere mostrati di nuovo.
hide = Nascondi
show = Mostra
select-field = Seleziona campo
no-hidden-fields = Tutti i campi sono già nella scheda.
tabs = Schede
layout-history = Cronologia del layout
roll-back = Ripristina questa versione
saved = Salvato
save-failed = Non salvato
layout-merged = Le modifiche fatte da altri nel frattempo sono state mantenute.
layout-partly = Non è stato possibile applicare alcune modifiche:
drag-hint = Spazio solleva, le frecce spostano, Spazio rilascia, Esc annulla.
err-layout-admin-only = Solo gli amministratori possono modificare la vista standard della scheda.
err-too-many-ops = Troppe modifiche in una volta; salva a passi più piccoli.
err-unknown-version = Questa versione del layout non esiste.

## Card views.

view-initial = Vista iniziale
view-common = Vista standard
view-mine = La mia vista
view = Vista
views = Viste della scheda
configuring-view = Stai configurando
enable-common-view = Usa la vista standard
force-common-view = Imposta come vista standard per tutti gli utenti
reset-common-view = Ripristina la vista iniziale
confirm-reset-view = Riportare la vista standard alla vista iniziale? La disposizione attuale resta nella cronologia del layout.
enable-my-view = Usa la mia vista
disable-my-view = Torna alla vista standard
my-view-hint = La tua vista parte come copia di ciò che vedi ora; modificarla non cambia nulla per gli altri.
create-view = Nuova vista
edit-view = Rinomina e assegna
delete-view = Elimina vista
confirm-delete-view = Eliminare questa vista? Le persone che la usano tornano alla vista standard.
view-name = Nome della vista
view-users = Utenti
view-departments = Reparti
initial-view-fixed = Tutti vedono la vista iniziale. Attiva la vista standard per disporre la scheda per tutti.
preview-as = Anteprima come
preview-choose = Scegli un utente o un reparto…
exit-preview = Esci dall'anteprima
err-view-name = Dai un nome alla vista (massimo 100 caratteri).
err-view-members = Utente o reparto sconosciuto.
err-view-not-open = Questa vista non è disponibile per te.
err-initial-view = La vista iniziale non può essere modificata; attiva prima la vista standard.

## Settings → Smart processes

smart-processes = Processi smart
new-smart-process = Crea processo smart
type-name = Nome (singolare)
type-plural = Nome (plurale)
type-code = Codice negli indirizzi
type-code-hint = Lettere minuscole, cifre e trattini; non potrà essere modificato in seguito.
type-id = ID
type-stages-legend = Fasi
type-stages = Gli elementi passano attraverso delle fasi (una pipeline con la barra delle fasi)
smart-process = Processo smart
type-several-pipelines = Più pipeline
type-client = Cliente
type-client-contact = Campo contatto
type-client-company = Campo azienda
type-links = Gli elementi si collegano a
type-in-menu = Mostra nel menu principale
type-system = Tipo di sistema
type-system-hint = I tipi di sistema possono essere rinominati; le loro opzioni sono fisse.
delete-type = Elimina processo smart
type-deleted = Il processo smart e tutto il suo contenuto sono stati eliminati.
type-created = Processo smart creato.
type-name-to-confirm = Digita il suo nome per confermare
err-type-code = Il codice deve contenere lettere minuscole, cifre e trattini singoli e iniziare con una lettera (massimo 30 caratteri).
err-type-code-taken = Un altro tipo di entità ha già questo codice.
err-unknown-link = Scegli tipi di entità esistenti (diversi da questo).
err-type-confirm = Digita esattamente il nome del processo smart per eliminarlo.
err-system-type = I tipi di sistema non possono essere eliminati.

## Recycle bin

recycle-bin = Cestino
restore = Ripristina
delete-permanently = Elimina definitivamente
delete-selected = Elimina selezionati
select-item = Seleziona
confirm-delete-item = Spostare questo elemento nel cestino? Potrà essere ripristinato da lì.
confirm-purge = Eliminare definitivamente gli elementi scelti? I loro valori, la timeline e i file non potranno essere ripristinati.
bin-empty = Il cestino è vuoto.
col-type = Tipo
col-deleted-by = Eliminato da
col-deleted-at = Eliminato il
repeat-lead = Lead ricorrente
layout-of-repeat-leads = Qui si dispongono le schede dei lead ricorrenti; chi vede quale vista vale per tutti i lead.
repeat-lead-choice = Lead ricorrente (un cliente già noto)

## Messages with arguments

conflict-message = Nel frattempo qualcun altro ha cambiato questo valore in «{ $current }».
# An upload refused: too many of the user's uploads wait for a save.
err-pending-uploads = { $max ->
    [one] Hai { $max } file caricato in attesa di essere salvato. Salva la scheda a cui appartiene (o annullane le modifiche) prima di caricarne altri.
   *[other] Hai { $max } file caricati in attesa di essere salvati. Salva la scheda a cui appartengono (o annullane le modifiche) prima di caricarne altri.
}
# A personal card view refused a new section.
err-personal-sections = { $max ->
    [one] Una vista personale della scheda può avere al massimo { $max } sezione. Rimuovine o uniscine una per aggiungerne un'altra.
   *[other] Una vista personale della scheda può avere al massimo { $max } sezioni. Rimuovine o uniscine una per aggiungerne un'altra.
}
err-too-many-attempts-seconds = { $seconds ->
    [one] Troppi tentativi di accesso non riusciti. Riprova tra { $seconds } secondo, oppure chiedi a un amministratore di reimpostare la tua password.
   *[other] Troppi tentativi di accesso non riusciti. Riprova tra { $seconds } secondi, oppure chiedi a un amministratore di reimpostare la tua password.
}
err-too-many-attempts-minutes = { $minutes ->
    [one] Troppi tentativi di accesso non riusciti. Riprova tra { $minutes } minuto, oppure chiedi a un amministratore di reimpostare la tua password.
   *[other] Troppi tentativi di accesso non riusciti. Riprova tra { $minutes } minuti, oppure chiedi a un amministratore di reimpostare la tua password.
}
configure-field = Configura «{ $label }»
field-saved = Campo «{ $label }» salvato.
field-deleted = Il campo «{ $label }» e i suoi valori sono stati eliminati.
delete-field-warning = Eliminare «{ $label }»? Verranno eliminati anche i suoi valori in tutti gli elementi e la relativa cronologia. L'operazione non può essere annullata.
err-password-short = { $min ->
    [one] La password deve contenere almeno { $min } carattere.
   *[other] La password deve contenere almeno { $min } caratteri.
}
move-handle = Sposta { $name }
lifted = Hai sollevato { $name }. Spazio solleva, le frecce spostano, Spazio rilascia, Esc annulla.
moved-to = { $name }: posizione { $position } di { $count } in { $section }.
dropped = Hai rilasciato { $name } in { $section }.
cancelled = Spostamento di { $name } annullato.
version-label = Versione { $version }
rolled-back-to = Ripristinata la versione { $version }
change-section-added = Sezione «{ $title }» creata
change-section-removed = Sezione «{ $title }» eliminata
change-section-renamed = Sezione «{ $old }» rinominata in «{ $new }»
change-sections-reordered = Sezioni riordinate
change-field-shown = Campo { $field } mostrato in «{ $section }»
change-field-hidden = Campo { $field } nascosto
change-field-moved = Campo { $field } spostato in «{ $section }»
change-tab-hidden = Scheda { $tab } nascosta
change-tab-shown = Scheda { $tab } mostrata
change-tabs-reordered = Schede riordinate
conflict-section-gone = Nel frattempo la sua sezione è stata eliminata da qualcun altro.
conflict-section-exists = Esiste già una sezione con questo ID.
conflict-field-hidden = Nel frattempo il campo { $code } è stato nascosto da qualcun altro.
conflict-unknown-field = Il campo { $code } non esiste (più).
conflict-bad-title = Il titolo di una sezione deve avere da 1 a { $max } caratteri.
conflict-last-tab = Almeno una scheda deve restare visibile.
err-too-long = Troppo lungo: massimo { $max } caratteri.
err-option-twice = L'opzione «{ $label }» è presente due volte.
err-too-many-entries = Troppe voci: massimo { $max }.
preview-banner = Anteprima come { $who } — sola lettura: questa è la scheda esattamente come la vede.
preview-cannot-open = { $who } non può aprire questo elemento: dal suo punto di vista non esiste.
layout-of-pipeline = Qui si dispongono le schede della pipeline «{ $pipeline }»; chi vede quale vista vale per tutte le pipeline.
err-type-linked = Altri tipi sono collegati a questo ({ $names }); rimuovi prima quei collegamenti.
err-items-in-stages = { $count ->
    [one] { $count } elemento usa le fasi; le fasi non possono essere disattivate finché ci sono elementi che le usano.
   *[other] { $count } elementi usano le fasi; le fasi non possono essere disattivate finché ci sono elementi che le usano.
}
err-items-in-pipelines = { $count ->
    [one] { $count } elemento si trova in altre pipeline; spostalo nella prima pipeline e riprova.
   *[other] { $count } elementi si trovano in altre pipeline; spostali nella prima pipeline e riprova.
}
err-values-would-go = { $count ->
    [one] { $count } elemento ha un valore in «{ $label }»; svuotalo prima, altrimenti andrebbe perso.
   *[other] { $count } elementi hanno un valore in «{ $label }»; svuota prima quei valori, altrimenti andrebbero persi.
}
delete-type-warning = Eliminare «{ $name }»? Tutto il suo contenuto verrà eliminato: { $items ->
    [one] { $items } elemento
   *[other] { $items } elementi
}, { $fields ->
    [one] { $fields } campo personalizzato
   *[other] { $fields } campi personalizzati
}, { $files ->
    [one] { $files } file
   *[other] { $files } file
}, oltre alle relative autorizzazioni di accesso, viste e layout delle schede. L'operazione non può essere annullata.
bin-hint-everybody = { $days ->
    [one] Eliminazioni di tutti gli utenti. Gli elementi vengono eliminati definitivamente { $days } giorno dopo la loro eliminazione.
   *[other] Eliminazioni di tutti gli utenti. Gli elementi vengono eliminati definitivamente { $days } giorni dopo la loro eliminazione.
}
bin-hint-own = { $days ->
    [one] Ciò che hai eliminato tu. Gli elementi vengono eliminati definitivamente { $days } giorno dopo la loro eliminazione.
   *[other] Ciò che hai eliminato tu. Gli elementi vengono eliminati definitivamente { $days } giorni dopo la loro eliminazione.
}
in-recycle-bin = Nel cestino dal { $when }: solo gli amministratori vedono questo elemento.
# "+ New Delivery": an item of a linked type created from this card.
new-of = + Crea { $name }
items-chosen = { $count ->
    [one] { $count } elemento selezionato.
   *[other] { $count } elementi selezionati.
}

## Fixed words

tab-general = Generale
tab-relations = Dipendenze
tab-history = Cronologia
field-type-string = Stringa
field-type-integer = Numero intero
field-type-number = Numero
field-type-boolean = Sì / no
field-type-date = Data
field-type-datetime = Data e ora
field-type-money = Denaro
field-type-url = Indirizzo web
field-type-email = E-mail
field-type-phone = Telefono
field-type-address = Indirizzo
field-type-list = Elenco
field-type-file = File
field-type-user = Utente
field-type-crm-item = Elemento CRM
field-type-booking = Prenotazione di risorse
scope-none = Nessuno
scope-own = Propri
scope-department = Reparto
scope-all = Tutti
action-read = Lettura
action-create = Creazione
action-update = Modifica
action-delete = Eliminazione
action-export = Esportazione
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB

## The names system types ship with (seeded in the installation's language)

type-lead = Lead
type-leads = Lead
type-deal = Affare
type-deals = Affari
type-contact = Contatto
type-contacts = Contatti
type-company = Azienda
type-companies = Aziende
type-invoice = Fattura
type-invoices = Fatture
type-quote = Preventivo
type-quotes = Preventivi

## Languages and places

language = Lingua
time-zone = Fuso orario
profile = Profilo
profile-saved = Salvato. La pagina si ricarica nella tua lingua.
err-unknown-language = Scegli una delle lingue.
err-unknown-time-zone = Scegli un fuso orario dall'elenco.
language-browser = Lingua del browser

## Pipelines and stages

pipelines-and-stages = Pipeline e fasi
pipelines-of = Pipeline e fasi: { $name }
pipelines-hint = Gli elementi passano attraverso le fasi da sinistra a destra. Trascina una fase dalla maniglia per riordinarla; i nuovi elementi partono dalla prima fase.
pipeline-default = Predefinita
make-default = Imposta come predefinita
new-pipeline = Aggiungi pipeline
pipeline-name = Nome pipeline
rename-pipeline = Rinomina pipeline
delete-pipeline = Elimina pipeline
move-pipeline-up = Sposta pipeline in alto
move-pipeline-down = Sposta pipeline in basso
stages-in-progress = In corso
stages-final = Fasi finali
stage-success-hint = La fase di successo chiude l'elemento come vinto.
stage-failure-hint = Le fasi di fallimento chiudono l'elemento come perso; possono essere più di una.
stage-name = Nome fase
stage-color = Colore
stage-custom-color = Colore personalizzato
add-stage = Aggiungi fase
add-failure-stage = Aggiungi fase di fallimento
edit-stage = Modifica fase
delete-stage = Elimina fase
to-failure = Trasforma in fase di fallimento
to-in-progress = Trasforma in fase in corso
stage-holds = { $count ->
    [one] { $count } elemento
   *[other] { $count } elementi
}
stage-delete-question = { $count ->
    [one] Un elemento si trova in «{ $stage }». Scegli la fase in cui spostarlo; lo spostamento viene registrato nella sua timeline.
   *[other] { $count } elementi si trovano in «{ $stage }». Scegli la fase in cui spostarli; ogni spostamento viene registrato nella timeline dell'elemento.
}
pipeline-delete-question = { $count ->
    [one] Un elemento si trova nella pipeline «{ $pipeline }». Scegli la pipeline e la fase in cui spostarlo.
   *[other] { $count } elementi si trovano nella pipeline «{ $pipeline }». Scegli la pipeline e la fase in cui spostarli.
}
pipeline-delete-empty = Eliminare la pipeline «{ $pipeline }» con le sue fasi?
stage-delete-empty = Eliminare la fase «{ $stage }»?
move-items-to = Sposta gli elementi in
pipeline-saved = Salvato.
stage-deleted = Fase eliminata.
pipeline-deleted = Pipeline eliminata.
pipeline-created = Pipeline creata.
no-stages-here = Questo tipo non ha fasi. Attivale in Processi smart.
event-pipeline-changed = Pipeline modificata
err-stage-name-taken = Questo nome è già usato qui.
err-stage-color = Scegli un colore dalla tavolozza o digitane uno nel formato #39a8ef.
err-one-pipeline-only = Questo tipo ha una sola pipeline. Consenti prima più pipeline in Processi smart.
err-default-pipeline = La pipeline predefinita non può essere eliminata. Imposta prima un'altra pipeline come predefinita.
err-first-stage = La prima fase non può essere eliminata: i nuovi elementi partono da lì.
err-success-stage = La fase di successo non può essere eliminata: se ne possono modificare solo il nome e il colore.
err-last-failure-stage = Una pipeline deve avere almeno una fase di fallimento.
err-last-in-progress = Una pipeline deve avere almeno una fase in corso.
err-stage-needs-target = { $count ->
    [one] Qui c'è un elemento. Scegli dove spostarlo.
   *[other] Qui ci sono { $count } elementi. Scegli dove spostarli.
}
err-stage-bad-target = Scegli una fase in cui spostare gli elementi: della stessa pipeline se elimini una fase, di un'altra pipeline se elimini una pipeline.
err-stage-bad-place = Le fasi in corso stanno prima della fase di successo, quelle di fallimento dopo.
change-pipeline = Cambia pipeline
change-pipeline-hint = Scegli una fase di un'altra pipeline. I campi obbligatori in quella fase vanno compilati prima; poi la scheda si apre nella nuova pipeline.
change-pipeline-move = Sposta

## Kanban

view-mode = Vista
view-list = Elenco
view-kanban = Kanban
board-finals-as-columns = Fasi finali come colonne
board-quick-add = Aggiunta rapida: titolo e Invio
board-lifted = «{ $title }» sollevato. Le frecce scelgono la fase, Spazio rilascia, Esc annulla.
board-over = «{ $title }» sopra «{ $stage }»: fase { $position } di { $count }.
board-moved = «{ $title }» spostato in «{ $stage }».
required-grid = Campi obbligatori per fase
required-grid-hint = Un clic su una fase rende il campo obbligatorio da quella fase in poi; un clic sulla sua prima fase obbligatoria lo toglie. «Sempre» è obbligatorio in ogni fase.
required-at-stage = { $field } obbligatorio: { $stage }
board-needs-fields = Per spostare «{ $title }» in { $stage }, compila:
board-save-and-move = Salva e sposta
board-needs-fields-new = Per aggiungere «{ $title }», compila:
