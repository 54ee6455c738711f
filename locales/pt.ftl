# Portuguese (Brazil). Same keys as en.ftl, in the same order (build.rs checks).
# Syntax and rules: docs/LANGUAGES.md.
product = CRM Card

## Login

login-title = Entrar
email = E-mail
password = Senha
sign-in = Entrar
sign-out = Sair
sign-out-everywhere = Sair de todos os dispositivos
sign-out-everywhere-hint = Encerra suas sessões em todos os navegadores e dispositivos, inclusive neste.
login-failed = E-mail ou senha incorretos.

## Lists

search = Pesquisar
search-placeholder = Nome, telefone, e-mail…
all-stages = Todos os estágios
filter = Filtrar
new = Criar
nothing-found = Nada encontrado.
next-page = Próxima página
first-page = Primeira página
col-name = Nome
col-stage = Estágio
col-responsible = Responsável
col-updated = Atualizado em
col-amount = Valor

## Card

edit = Editar
save = Salvar
cancel = Cancelar
create = Criar
saving = Salvando…
add-another = + adicionar
remove = Remover
empty-value = não preenchido
responsible = Responsável
pipeline = Pipeline
created = Criado em
yes = Sim
no = Não
choose = — escolha —
item-search-placeholder = Digite para pesquisar…
street = Rua
city = Cidade
region = Estado
postcode = CEP
country = País
amount = Valor
currency = Moeda
confirm-final-stage = Mover o elemento para o estágio final
confirm = Confirmar
new-item-title = Criar
no-relations = Ainda não há elementos vinculados.
links-from = Este elemento se refere a
links-to = Elementos que se referem a este
no-history = Nenhum campo foi alterado ainda.
history-field = Campo
history-old = Valor anterior
history-new = Novo valor
history-who = Alterado por
history-when = Quando
loading = Carregando…
conflict-take-theirs = Usar o valor da outra pessoa
conflict-keep-mine = Manter o meu
conflict-emptied = Outra pessoa esvaziou este campo nesse meio-tempo.
saved-merged = Salvo. As alterações feitas por outras pessoas nesse meio-tempo também são exibidas.

## Timeline

timeline = Linha do tempo
comment-placeholder = Deixe um comentário… (Ctrl+Enter envia)
send = Enviar
load-more = Carregar mais
event-created = Elemento criado
event-field-changed = Campos alterados
event-stage-changed = Estágio alterado
event-comment = Comentário
system-author = Sistema
timeline-empty = Nada aconteceu ainda.

## Errors (shown to people: clear, and never with internals)

err-unauthenticated = Entre novamente.
err-forbidden = Você não tem acesso a isto.
err-not-found = Não encontrado. Talvez tenha sido excluído, ou o endereço está errado.
err-bad-request = A solicitação não foi compreendida. Recarregue a página e tente novamente.
err-too-large = Foram enviados dados demais de uma só vez.
back = Voltar
# An upload refused: too many of the user's uploads wait for a save.
# A personal card view refused a new section.
err-setup-closed = Este link de configuração já foi usado ou expirou. Se ninguém entrou ainda, reinicie o servidor para obter um novo ou execute `crm-card create-admin`.
setup-title = Configurar o CRM Card
setup-intro = Ainda não existe nenhum usuário. Crie o primeiro administrador: depois ele poderá adicionar todos os demais em Configurações → Permissões de acesso.
setup-needs-token = Para criar o primeiro administrador, abra o endereço de configuração que o servidor exibiu ao iniciar (ele contém um token de uso único) ou execute `crm-card create-admin --email EMAIL` no servidor.
your-name = Seu nome
create-admin = Criar administrador
# Sign-in refused for a while after too many failures.
err-unknown-host = Este servidor não responde a esse nome de host. Um administrador pode adicioná-lo a public_hosts (CRM_PUBLIC_HOSTS).
err-internal = Algo deu errado do nosso lado. Nada foi perdido; tente novamente.
err-network = Não foi possível acessar o servidor. Verifique a conexão e tente novamente.
err-validation = Alguns campos precisam de atenção.
err-conflict = Outra pessoa alterou este elemento nesse meio-tempo.
err-required-fields = Preencha primeiro os campos obrigatórios:
err-unknown-stage = Esse estágio não pertence ao pipeline deste elemento.
err-comment-empty = Escreva algo primeiro.
err-page-not-found = Página não encontrada.
err-not-integer = Digite um número inteiro, por exemplo, 42.
err-not-number = Digite um número, por exemplo, 12,5.
err-not-date = Digite uma data.
err-not-datetime = Digite uma data e uma hora.
err-not-amount = Digite um valor, por exemplo, 1250,00.
err-unknown-currency = Escolha uma moeda da lista.
err-not-url = Digite um endereço da web, por exemplo, https://example.com.
err-not-email = Digite um endereço de e-mail, por exemplo, nome@example.com.
err-not-phone = Digite um número de telefone: dígitos, espaços, + ( ) -.
err-unknown-option = Escolha uma das opções.
err-unknown-reference = Escolha um registro existente.
# An item a field points to that the reader may not open: its title is not theirs to see.
item-hidden = Elemento oculto
# An item a field points to that is in the recycle bin.
item-deleted = Elemento excluído
stage-hidden = Estágio oculto
pipeline-hidden = Pipeline oculto
err-not-yes-no = Escolha sim ou não.
err-wrong-input = Este valor não é compatível com o campo.
err-required = Obrigatório.
err-unknown-field = Este campo não existe ou não pode ser editado aqui.
err-end-before-start = O término deve ser posterior ao início.
err-already-booked = Este recurso já está reservado nesse horário.
err-unknown-file = Envie o arquivo novamente: ele não foi encontrado.
err-file-too-large = O arquivo é grande demais.
err-file-empty = O arquivo está vazio.

## Field settings errors

err-label-empty = Dê um nome ao campo.
err-type-fixed = O tipo de um campo não pode ser alterado depois que ele é criado.
err-multiple-fixed = Depois que o campo é criado, não é possível mudar se ele aceita vários valores.
err-not-multiple = Um campo deste tipo aceita apenas um valor.
err-no-options = Adicione pelo menos uma opção.
err-option-blank = Há uma opção sem texto.
err-stage-gone = Um dos estágios escolhidos não existe mais.
err-system-restricted = Os campos do sistema são visíveis para todos; somente os campos personalizados podem ter a visibilidade restrita.
err-system-field = Os campos do sistema não podem ser excluídos, mas podem ser ocultados.
err-too-many-fields = Este tipo já atingiu o número máximo de campos personalizados.
err-unknown-people = Escolha usuários e departamentos existentes.
choose-file = Escolher arquivo
uploading = Enviando…
resource = Recurso
booking-start = Início
booking-end = Término

## Fields: create, configure, delete (card settings and CRM settings → Custom fields)

settings = Configurações
custom-fields = Campos personalizados
create-field = Criar campo
configure = Configurar
delete-field = Excluir campo
field-type = Tipo
field-label = Nome
field-kind = Categoria
system-field = Sistema
custom-field = Personalizado
multiple-short = múltiplo
field-multiple = Vários valores
field-multiline = Várias linhas de texto
field-item-types = Pode apontar para
field-options = Opções
field-resources = Recursos
field-option = Opção
add-option = + Adicionar opção
default-currency = Moeda padrão
required-legend = Obrigatório
required-always = Sempre
required-at = A partir de
required-at-stages = Ou somente a partir destes estágios:
visibility = Visibilidade
restrict-visibility = Tornar este campo visível apenas para usuários selecionados
visibility-hint = Os administradores sempre veem o campo. Os demais não veem nem o campo nem os valores dele.
everyone = Todos
admins-only = Somente administradores
users = Usuários
departments = Departamentos
actions = Ações
export-csv = Exportar CSV

## CRM settings → Access

access = Permissões de acesso
roles = Funções
role = Função
new-user = Novo usuário
new-department = Novo departamento
new-role = Nova função
name = Nome
password-keep = Nova senha (vazio: sem alteração)
department = Departamento
parent-department = Departamento superior
head = Supervisor
active = Ativo
inactive = Inativo
none = —
allow-my-view = Permitir design personalizado do cartão
admin-flag = Administrador (configurações do CRM)
role-pipelines = Pipelines que esta função vê (desmarque um para ocultar seus itens, o kanban e o nome)
saved-ok = Salvo.
deleted-ok = Excluído.
err-name-empty = Digite um nome.
err-email-taken = Outro usuário já tem este e-mail.
err-role-taken = Outra função já tem este nome.
err-deactivate-self = Você não pode desativar a si mesmo.
err-department-loop = Um departamento não pode estar dentro de si mesmo.
err-department-not-empty = Primeiro mova as pessoas e os subdepartamentos dele para outro lugar.

## Layout editing

configure-card = Configurações do cartão
finish-configuration = Finalizar personalização
save-edit-first = Primeiro salve ou cancele a seção que você está editando.
leave-unsaved = Sair deste cartão? O que você digitou na seção em edição não foi salvo.
create-section = Adicionar seção
section-name = Nome da seção
rename = Renomear
delete-section = Excluir seção
delete = Excluir
delete-section-warning = Os campos dela serão ocultados do cartão. Os dados são mantidos, e os campos podem ser exibidos novamente.
hide = Ocultar
show = Mostrar
select-field = Selecionar campo
no-hidden-fields = Todos os campos estão no cartão.
tabs = Guias
layout-history = Histórico do layout
roll-back = Voltar para esta versão
saved = Salvo
save-failed = Não salvo
layout-merged = As alterações feitas por outras pessoas nesse meio-tempo foram mantidas.
layout-partly = Algumas alterações não puderam ser aplicadas:
drag-hint = Espaço levanta, as setas movem, Espaço solta, Esc cancela.
err-layout-admin-only = Somente administradores podem alterar o design padrão do cartão.
err-too-many-ops = Alterações demais de uma vez; salve em partes menores.
err-unknown-version = Essa versão do layout não existe.

## Card views.

view-initial = Design inicial
view-common = Design padrão
view-mine = Design personalizado
view = Visualização
views = Visualizações do cartão
configuring-view = Configurando
enable-common-view = Usar design padrão
force-common-view = Definir o design padrão para todos os usuários
reset-common-view = Redefinir para o design inicial
confirm-reset-view = Redefinir o design padrão para o design inicial? A disposição atual fica salva no histórico do layout.
enable-my-view = Usar design personalizado
disable-my-view = Voltar ao design padrão
my-view-hint = Seu design personalizado começa como uma cópia do que você vê agora; alterá-lo não afeta mais ninguém.
create-view = Nova visualização
edit-view = Renomear e atribuir
delete-view = Excluir visualização
confirm-delete-view = Excluir esta visualização? As pessoas que trabalham com ela voltam ao design padrão.
view-name = Nome da visualização
view-users = Usuários
view-departments = Departamentos
initial-view-fixed = Todos veem o design inicial. Ative o design padrão para organizar o cartão para todos.
preview-as = Visualizar como
preview-choose = Escolha um usuário ou departamento…
exit-preview = Sair da pré-visualização
err-view-name = Dê um nome à visualização (até 100 caracteres).
err-view-members = Usuário ou departamento desconhecido.
err-view-not-open = Essa visualização não está disponível para você.
err-initial-view = O design inicial não pode ser alterado; ative primeiro o design padrão.

## Settings → Smart processes

smart-processes = Processos inteligentes
new-smart-process = Criar processo inteligente
type-name = Nome (um elemento)
type-plural = Nome (vários elementos)
type-code = Código nos endereços
type-code-hint = Letras minúsculas, dígitos e hifens; não pode ser alterado depois.
type-id = ID
type-stages-legend = Estágios
type-stages = Os elementos passam por estágios (um pipeline com barra de estágios)
smart-process = Processo inteligente
type-several-pipelines = Vários pipelines
type-client = Cliente
type-client-contact = Campo de contato
type-client-company = Campo de empresa
type-links = Os elementos se vinculam a
type-in-menu = Mostrar no menu principal
type-system = Tipo do sistema
type-system-hint = Os tipos do sistema podem ser renomeados; as opções deles são fixas.
delete-type = Excluir processo inteligente
type-deleted = O processo inteligente e tudo o que havia nele foram excluídos.
type-created = Processo inteligente criado.
type-name-to-confirm = Digite o nome para confirmar
err-type-code = O código deve ter letras minúsculas, dígitos e hifens simples, começando com uma letra (no máximo 30).
err-type-code-taken = Outro tipo de entidade já tem este código.
err-unknown-link = Escolha tipos de entidade existentes (exceto este).
err-type-confirm = Digite exatamente o nome do processo inteligente para excluí-lo.
err-system-type = Os tipos do sistema não podem ser excluídos.

## Recycle bin

recycle-bin = Lixeira
restore = Restaurar
delete-permanently = Excluir permanentemente
delete-selected = Excluir selecionados
select-item = Selecionar
confirm-delete-item = Mover este elemento para a lixeira? Ele poderá ser restaurado de lá.
confirm-purge = Excluir definitivamente os elementos escolhidos? Os valores, a linha do tempo e os arquivos deles não poderão ser restaurados.
bin-empty = A lixeira está vazia.
col-type = Tipo
col-deleted-by = Excluído por
col-deleted-at = Excluído em
repeat-lead = Lead repetido
layout-of-repeat-leads = Aqui você organiza os cartões de leads repetidos; quem vê cada visualização vale para todos os leads.
repeat-lead-choice = Lead repetido (um cliente já conhecido)

## Messages with arguments

conflict-message = Outra pessoa alterou isto nesse meio-tempo para “{ $current }”.
# An upload refused: too many of the user's uploads wait for a save.
err-pending-uploads = { $max ->
    [one] Você tem { $max } arquivo enviado aguardando para ser salvo. Salve o cartão ao qual ele pertence (ou cancele as alterações dele) antes de enviar mais.
   *[other] Você tem { $max } arquivos enviados aguardando para serem salvos. Salve o cartão ao qual eles pertencem (ou cancele as alterações dele) antes de enviar mais.
}
# A personal card view refused a new section.
err-personal-sections = { $max ->
    [one] Um design personalizado do cartão pode ter no máximo { $max } seção. Remova ou mescle uma para adicionar outra.
   *[other] Um design personalizado do cartão pode ter no máximo { $max } seções. Remova ou mescle uma para adicionar outra.
}
err-too-many-attempts-seconds = { $seconds ->
    [one] Muitas tentativas de entrada sem sucesso. Tente novamente em { $seconds } segundo ou peça a um administrador que redefina sua senha.
   *[other] Muitas tentativas de entrada sem sucesso. Tente novamente em { $seconds } segundos ou peça a um administrador que redefina sua senha.
}
err-too-many-attempts-minutes = { $minutes ->
    [one] Muitas tentativas de entrada sem sucesso. Tente novamente em { $minutes } minuto ou peça a um administrador que redefina sua senha.
   *[other] Muitas tentativas de entrada sem sucesso. Tente novamente em { $minutes } minutos ou peça a um administrador que redefina sua senha.
}
configure-field = Configurar “{ $label }”
field-saved = “{ $label }” salvo.
field-deleted = “{ $label }” e os valores dele foram excluídos.
delete-field-warning = Excluir “{ $label }”? Os valores dele em todos os elementos e o histórico desses valores também serão excluídos. Isso não pode ser desfeito.
err-password-short = { $min ->
    [one] A senha precisa ter pelo menos { $min } caractere.
   *[other] A senha precisa ter pelo menos { $min } caracteres.
}
move-handle = Mover { $name }
lifted = Movendo { $name }. Espaço levanta, as setas movem, Espaço solta, Esc cancela.
moved-to = { $name }: posição { $position } de { $count } em { $section }.
dropped = { $name }: movimento concluído em { $section }.
cancelled = Movimento de { $name } cancelado.
version-label = Versão { $version }
rolled-back-to = Revertido para a versão { $version }
change-section-added = Seção “{ $title }” criada
change-section-removed = Seção “{ $title }” excluída
change-section-renamed = Seção “{ $old }” renomeada para “{ $new }”
change-sections-reordered = Seções reordenadas
change-field-shown = Campo { $field } exibido em “{ $section }”
change-field-hidden = Campo { $field } ocultado
change-field-moved = Campo { $field } movido para “{ $section }”
change-tab-hidden = Guia { $tab } ocultada
change-tab-shown = Guia { $tab } exibida
change-tabs-reordered = Guias reordenadas
conflict-section-gone = A seção foi excluída por outra pessoa nesse meio-tempo.
conflict-section-exists = Já existe uma seção com este ID.
conflict-field-hidden = O campo { $code } foi ocultado por outra pessoa nesse meio-tempo.
conflict-unknown-field = O campo { $code } não existe (mais).
conflict-bad-title = O título de uma seção precisa ter de 1 a { $max } caracteres.
conflict-last-tab = Pelo menos uma guia deve continuar visível.
err-too-long = Longo demais: no máximo { $max } caracteres.
err-option-twice = A opção “{ $label }” aparece duas vezes.
err-too-many-entries = Entradas demais: no máximo { $max }.
preview-banner = Visualizando como { $who } — somente leitura: este é o cartão exatamente como essa pessoa o vê.
preview-cannot-open = { $who } não pode abrir este elemento: para essa pessoa, ele não existe.
layout-of-pipeline = Aqui você organiza os cartões do pipeline “{ $pipeline }”; quem vê cada visualização vale para todos os pipelines.
err-type-linked = Outros tipos se vinculam a este ({ $names }); remova esses vínculos primeiro.
err-items-in-stages = { $count ->
    [one] { $count } elemento está em estágios; não é possível desativar os estágios enquanto houver elementos neles.
   *[other] { $count } elementos estão em estágios; não é possível desativar os estágios enquanto houver elementos neles.
}
err-items-in-pipelines = { $count ->
    [one] { $count } elemento está em outros pipelines; mova-o antes para o primeiro pipeline.
   *[other] { $count } elementos estão em outros pipelines; mova-os antes para o primeiro pipeline.
}
err-values-would-go = { $count ->
    [one] { $count } elemento tem um valor em “{ $label }”; limpe-o primeiro, ou ele será perdido.
   *[other] { $count } elementos têm um valor em “{ $label }”; limpe esses valores primeiro, ou eles serão perdidos.
}
delete-type-warning = Excluir “{ $name }”? Tudo o que há nele será excluído junto: { $items ->
    [one] { $items } elemento
   *[other] { $items } elementos
}, { $fields ->
    [one] { $fields } campo personalizado
   *[other] { $fields } campos personalizados
}, { $files ->
    [one] { $files } arquivo
   *[other] { $files } arquivos
}, além das permissões, visualizações e layouts de cartão dele. Isso não pode ser desfeito.
bin-hint-everybody = { $days ->
    [one] Exclusões de todos. Os elementos são excluídos definitivamente { $days } dia após a exclusão.
   *[other] Exclusões de todos. Os elementos são excluídos definitivamente { $days } dias após a exclusão.
}
bin-hint-own = { $days ->
    [one] O que você excluiu. Os elementos são excluídos definitivamente { $days } dia após a exclusão.
   *[other] O que você excluiu. Os elementos são excluídos definitivamente { $days } dias após a exclusão.
}
in-recycle-bin = Na lixeira desde { $when }: somente administradores veem este elemento.
# "+ New Delivery": an item of a linked type created from this card.
new-of = + Criar { $name }
items-chosen = { $count ->
    [one] { $count } elemento selecionado.
   *[other] { $count } elementos selecionados.
}

## Fixed words

tab-general = Geral
tab-relations = Dependências
tab-history = Histórico
field-type-string = Texto
field-type-integer = Número inteiro
field-type-number = Número
field-type-boolean = Sim / não
field-type-date = Data
field-type-datetime = Data e hora
field-type-money = Dinheiro
field-type-url = Endereço da web
field-type-email = E-mail
field-type-phone = Telefone
field-type-address = Endereço
field-type-list = Lista
field-type-file = Arquivo
field-type-user = Usuário
field-type-crm-item = Elemento do CRM
field-type-booking = Reserva de recurso
scope-none = Nenhum
scope-own = Próprios
scope-department = Departamento
scope-all = Todos
action-read = Ler
action-create = Criar
action-update = Editar
action-delete = Excluir
action-export = Exportar
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB

## The names system types ship with (seeded in the installation's language)

type-lead = Lead
type-leads = Leads
type-deal = Negócio
type-deals = Negócios
type-contact = Contato
type-contacts = Contatos
type-company = Empresa
type-companies = Empresas
type-invoice = Fatura
type-invoices = Faturas
type-quote = Orçamento
type-quotes = Orçamentos

## Languages and places

language = Idioma
time-zone = Fuso horário
profile = Perfil
profile-saved = Salvo. A página será recarregada no seu idioma.
err-unknown-language = Escolha um dos idiomas.
err-unknown-time-zone = Escolha um fuso horário da lista.
language-browser = Idioma do navegador

## Pipelines and stages

pipelines-and-stages = Pipelines e estágios
pipelines-of = Pipelines e estágios: { $name }
pipelines-hint = Os elementos passam pelos estágios da esquerda para a direita. Arraste um estágio pela alça para reordená-lo; os novos elementos começam no primeiro estágio.
pipeline-default = Padrão
make-default = Tornar padrão
new-pipeline = Adicionar pipeline
pipeline-name = Nome do pipeline
rename-pipeline = Renomear pipeline
delete-pipeline = Excluir pipeline
move-pipeline-up = Mover pipeline para cima
move-pipeline-down = Mover pipeline para baixo
stages-in-progress = Em andamento
stages-final = Estágios finais
stage-success-hint = O estágio de sucesso fecha o elemento como ganho.
stage-failure-hint = Os estágios de falha fecham o elemento como perdido; pode haver vários.
stage-name = Nome do estágio
stage-color = Cor
stage-custom-color = Cor personalizada
add-stage = Adicionar estágio
add-failure-stage = Adicionar estágio de falha
edit-stage = Editar estágio
delete-stage = Excluir estágio
to-failure = Tornar estágio de falha
to-in-progress = Tornar estágio em andamento
stage-holds = { $count ->
    [one] { $count } elemento
   *[other] { $count } elementos
}
stage-delete-question = { $count ->
    [one] { $count } elemento está em “{ $stage }”. Escolha o estágio para onde ele será movido; a mudança é registrada na linha do tempo dele.
   *[other] { $count } elementos estão em “{ $stage }”. Escolha o estágio para onde eles serão movidos; cada mudança é registrada na linha do tempo do elemento.
}
pipeline-delete-question = { $count ->
    [one] { $count } elemento está no pipeline “{ $pipeline }”. Escolha o pipeline e o estágio para onde ele será movido.
   *[other] { $count } elementos estão no pipeline “{ $pipeline }”. Escolha o pipeline e o estágio para onde eles serão movidos.
}
pipeline-delete-empty = Excluir o pipeline “{ $pipeline }” com os estágios dele?
stage-delete-empty = Excluir o estágio “{ $stage }”?
move-items-to = Mover elementos para
pipeline-saved = Salvo.
stage-deleted = Estágio excluído.
pipeline-deleted = Pipeline excluído.
pipeline-created = Pipeline criado.
no-stages-here = Este tipo não tem estágios. Ative-os em Processos inteligentes.
event-pipeline-changed = Pipeline alterado
err-stage-name-taken = Este nome já está em uso aqui.
err-stage-color = Escolha uma cor da paleta ou digite uma no formato #39a8ef.
err-one-pipeline-only = Este tipo tem um único pipeline. Primeiro permita vários pipelines em Processos inteligentes.
err-default-pipeline = O pipeline padrão não pode ser excluído. Primeiro torne outro pipeline o padrão.
err-first-stage = O primeiro estágio não pode ser excluído: os novos elementos começam nele.
err-success-stage = O estágio de sucesso não pode ser removido: só é possível alterar o nome e a cor dele.
err-last-failure-stage = Um pipeline precisa ter pelo menos um estágio de falha.
err-last-in-progress = Um pipeline precisa ter pelo menos um estágio em andamento.
err-stage-needs-target = { $count ->
    [one] Há { $count } elemento aqui. Escolha para onde ele será movido.
   *[other] Há { $count } elementos aqui. Escolha para onde eles serão movidos.
}
err-stage-bad-target = Escolha um estágio para onde mover os elementos: do mesmo pipeline, ao excluir um estágio; de outro pipeline, ao excluir um pipeline.
err-stage-bad-place = Os estágios em andamento ficam antes do estágio de sucesso, e os de falha, depois dele.
change-pipeline = Mudar pipeline
change-pipeline-hint = Escolha um estágio de outro pipeline. Os campos obrigatórios nesse estágio devem ser preenchidos antes; depois o cartão abre no novo pipeline.
change-pipeline-move = Mover

## Kanban

view-mode = Visualização
view-list = Lista
view-kanban = Kanban
board-finals-as-columns = Estágios finais como colunas
board-quick-add = Adição rápida: título e Enter
board-lifted = “{ $title }” levantado. As setas escolhem o estágio, Espaço solta, Escape cancela.
board-over = “{ $title }” sobre “{ $stage }”: estágio { $position } de { $count }.
board-moved = “{ $title }” movido para “{ $stage }”.
required-grid = Campos obrigatórios por estágio
required-grid-hint = Um clique em um estágio torna o campo obrigatório a partir desse estágio; um clique no primeiro estágio obrigatório remove a exigência. “Sempre” é obrigatório em todos os estágios.
required-at-stage = { $field } obrigatório: { $stage }
board-needs-fields = Para mover “{ $title }” para { $stage }, preencha:
board-save-and-move = Salvar e mover
board-needs-fields-new = Para adicionar “{ $title }”, preencha:
